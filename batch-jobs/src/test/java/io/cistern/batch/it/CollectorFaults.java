package io.cistern.batch.it;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.gc.BlockCollector;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Test-only: the collector's second step dying after it deleted the object and before its transaction commits (as a
 * crash or a database restart would), and a look at a block row's state. Deployed with GcJobIT only.
 */
@Stateless
public class CollectorFaults {
    @EJB
    private BlockCollector collector;

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** Runs {@link BlockCollector#deleteMarked} in this transaction, then fails it: the row delete rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean deleteMarkedThenFail(BlockHash hash) {
        boolean deleted = collector.deleteMarked(hash).isPresent();
        throw new SimulatedCrash(deleted);
    }

    /** The row's state, or null when there is none. */
    public String rowState(BlockHash hash) {
        List<?> rows = em.createNativeQuery("select state from block where hash = ?1").setParameter(1, hash.bytes())
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** The failure; a system exception, so the container rolls the transaction back. */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(boolean objectDeleted) {
            super("simulated crash after the collector's object delete (object deleted: " + objectDeleted + ")");
        }
    }
}
