package io.cistern.core.metadata;

import io.cistern.core.model.Share;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tells {@link ShareExports} about every share a transaction wrote: at once (so the transaction's own readers do
 * not see the old rules) and again once it has ended (so no reader that loaded the old row keeps it).
 */
public class ShareChangeListener {

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Share share) {
        Long shareId = share.getId();
        if (shareId == null) {
            return;
        }
        ShareExports.drop(shareId);
        TransactionSynchronizationRegistry registry = registry();
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                ShareExports.drop(shareId);
            }
        });
    }

    private static TransactionSynchronizationRegistry registry() {
        try {
            return (TransactionSynchronizationRegistry) new InitialContext()
                    .lookup("java:comp/TransactionSynchronizationRegistry");
        } catch (NamingException e) {
            throw new IllegalStateException("cannot find the transaction synchronization registry", e);
        }
    }
}
