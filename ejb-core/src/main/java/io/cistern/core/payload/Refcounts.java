package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.model.BlockState;
import jakarta.persistence.EntityManager;

/**
 * The counting half of the dedup index: SQL on {@code block}, each change one statement, so that concurrent
 * transactions serialize on the row in PostgreSQL instead of losing updates in a read-modify-write. Each statement
 * locks its row until the transaction ends: callers change several counts in ascending (store, hash) order
 * ({@link MappingChanges}, see {@link BlockIndex} for why).
 */
final class Refcounts {
    /*
     * Counts a reference and says whether the caller must put the block: when this inserted the row (no one had it),
     * and when the row was PENDING, i.e. garbage collection has marked it and may have deleted its object already
     * (see io.cistern.core.gc.BlockCollector). RETURNING old (PostgreSQL 18) is the row as it was under the lock this
     * statement took; old is null for an inserted row. The row says UPLOADED at once, but only this transaction sees
     * that until it commits, and every caller that is told to put does so before its commit (BlockUploader), so no
     * committed UPLOADED row ever names a block the store lacks; a rollback puts the row back to PENDING.
     */
    private static final String REFERENCE = "insert into block (store_id, hash, size, refcount, state, last_referenced)"
            + " values (?4, ?1, ?2, greatest(?3, 0), '" + BlockState.UPLOADED.name() + "', now())"
            + " on conflict (store_id, hash) do update set refcount = greatest(block.refcount + ?3, 0), last_referenced = now(),"
            + " state = '" + BlockState.UPLOADED.name() + "'"
            + " returning (old.state is distinct from '" + BlockState.UPLOADED.name() + "')";

    /*
     * A count reaching 0 keeps its row; last_referenced then says since when nobody needs the block, which is
     * what the garbage collector's grace period is measured from. greatest(…, 0): a count that drifted low
     * must not go negative and hide a later reference.
     */
    private static final String RELEASE = "update block set refcount = greatest(refcount - ?2, 0),"
            + " last_referenced = now() where store_id = ?3 and hash = ?1";

    private final EntityManager em;

    Refcounts(EntityManager em) {
        this.em = em;
    }

    /**
     * Counts one more reference to {@code hash}; true when the store may lack it (this made its row, or the row was
     * PENDING): the caller must then put the block before its transaction commits.
     */
    boolean reference(StoredHash block, int size) {
        return reference(block, size, 1);
    }

    /**
     * Changes the count by {@code delta} (a transaction's net change, which may be 0 or less when it also released
     * the block) and says UPLOADED; true as {@link #reference(StoredHash, int)}.
     */
    boolean reference(StoredHash block, int size, long delta) {
        Object inserted = em.createNativeQuery(REFERENCE).setParameter(1, block.hash().bytes()).setParameter(2, size)
                .setParameter(3, delta).setParameter(4, block.storeId()).getSingleResult();
        return Boolean.TRUE.equals(inserted);
    }

    /** Counts {@code references} to {@code block} less. */
    void release(StoredHash block, long references) {
        em.createNativeQuery(RELEASE).setParameter(1, block.hash().bytes()).setParameter(2, references)
                .setParameter(3, block.storeId()).executeUpdate();
    }
}
