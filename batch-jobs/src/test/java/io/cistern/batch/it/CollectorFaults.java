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
 * crash or a database restart would), and looks at the rows (a block's state, the mapped pieces). Deployed with
 * GcJobIT only.
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
        List<?> rows = em.createNativeQuery("select state from block where store_id = 0 and hash = ?1").setParameter(1, hash.bytes())
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Every piece of every file that has a stored block: inode id, block index, hash. */
    public List<MappedPiece> mappedPieces() {
        List<?> rows = em.createNativeQuery("select inode_id, block_index, hash from file_block").getResultList();
        return rows.stream().map(row -> (Object[]) row).map(r -> new MappedPiece(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), new BlockHash((byte[]) r[2]))).toList();
    }

    /** Whether the piece still maps that block. */
    public boolean isMapped(MappedPiece piece) {
        return ((Number) em.createNativeQuery("select count(*) from file_block where inode_id = ?1 and block_index = ?2"
                        + " and hash = ?3").setParameter(1, piece.inodeId()).setParameter(2, piece.index())
                .setParameter(3, piece.hash().bytes()).getSingleResult()).longValue() > 0;
    }

    /** A row of {@code file_block}. */
    public record MappedPiece(long inodeId, long index, BlockHash hash) {
    }

    /** The failure; a system exception, so the container rolls the transaction back. */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(boolean objectDeleted) {
            super("simulated crash after the collector's object delete (object deleted: " + objectDeleted + ")");
        }
    }
}
