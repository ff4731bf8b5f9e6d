package io.cistern.core.metadata;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/**
 * Runs work in a JTA transaction, the caller's or a new one: for {@link MetadataService}'s changes that may first
 * try a one-statement path outside any transaction ({@link OneTripMutations}) and take the JPA path when it declines.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class InTransaction {
    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
