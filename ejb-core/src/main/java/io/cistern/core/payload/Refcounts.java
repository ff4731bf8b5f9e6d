package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.model.BlockState;
import jakarta.persistence.EntityManager;

/**
 * The counting half of the dedup index: SQL on {@code block}, each change one statement, so that concurrent
 * transactions serialize on the row in PostgreSQL instead of losing updates in a read-modify-write.
 */
final class Refcounts {
    /*
     * xmax is 0 on a row version this statement inserted and the locker's id on one it updated: the usual
     * PostgreSQL way to tell the two apart in one round trip.
     */
    private static final String REFERENCE = "insert into block (hash, size, refcount, state, last_referenced)"
            + " values (?1, ?2, 1, '" + BlockState.UPLOADED.name() + "', now())"
            + " on conflict (hash) do update set refcount = block.refcount + 1, last_referenced = now()"
            + " returning (xmax = 0)";

    /*
     * A count reaching 0 keeps its row; last_referenced then says since when nobody needs the block, which is
     * what the garbage collector's grace period is measured from. greatest(…, 0): a count that drifted low
     * must not go negative and hide a later reference.
     */
    private static final String RELEASE = "update block set refcount = greatest(refcount - 1, 0),"
            + " last_referenced = now() where hash = ?1";

    private final EntityManager em;

    Refcounts(EntityManager em) {
        this.em = em;
    }

    /** Counts one more reference to {@code hash}; true when this made its row, i.e. the store lacks it. */
    boolean reference(BlockHash hash, int size) {
        Object inserted = em.createNativeQuery(REFERENCE)
                .setParameter(1, hash.bytes()).setParameter(2, size).getSingleResult();
        return Boolean.TRUE.equals(inserted);
    }

    /** Counts one reference to {@code hash} less. */
    void release(byte[] hash) {
        em.createNativeQuery(RELEASE).setParameter(1, hash).executeUpdate();
    }
}
