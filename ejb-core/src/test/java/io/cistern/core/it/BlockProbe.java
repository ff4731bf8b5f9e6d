package io.cistern.core.it;

import io.cistern.core.blocks.BlockHash;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Test-only look at the {@code block} rows BlockIndex keeps, and a way to damage one, to prove that the
 * counts agree with the mappings and never go below 0. Deployed with the in-container tests only. Every look but
 * {@link #storesHolding} is at the default store's rows, where the tests' shares keep their blocks.
 */
@Stateless
public class BlockProbe {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** The block's refcount, or -1 when it has no row. */
    public long refcount(BlockHash hash) {
        List<?> rows = em.createNativeQuery("select refcount from block where store_id = 0 and hash = ?1")
                .setParameter(1, hash.bytes()).getResultList();
        return rows.isEmpty() ? -1 : ((Number) rows.get(0)).longValue();
    }

    /** Whether the block has a row with its last_referenced time set. */
    public boolean hasLastReferenced(BlockHash hash) {
        return ((Number) em.createNativeQuery("select count(*) from block where store_id = 0 and hash = ?1"
                        + " and last_referenced is not null")
                .setParameter(1, hash.bytes()).getSingleResult()).longValue() == 1;
    }

    /** Overwrites a count, as a bug or a manual repair might. */
    public void setRefcount(BlockHash hash, long refcount) {
        em.createNativeQuery("update block set refcount = ?2 where store_id = 0 and hash = ?1")
                .setParameter(1, hash.bytes()).setParameter(2, refcount).executeUpdate();
    }

    /** Overwrites a count in store {@code storeId}. */
    public void setRefcount(long storeId, BlockHash hash, long refcount) {
        em.createNativeQuery("update block set refcount = ?2 where store_id = ?3 and hash = ?1")
                .setParameter(1, hash.bytes()).setParameter(2, refcount).setParameter(3, storeId).executeUpdate();
    }

    /** The stores that have a row for the block, in id order: a block is deduplicated within a store only. */
    public List<Long> storesHolding(BlockHash hash) {
        return em.createNativeQuery("select store_id from block where hash = ?1 order by store_id")
                .setParameter(1, hash.bytes()).getResultList().stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** How many file_block rows name the block: what its refcount must be. */
    public long mappings(BlockHash hash) {
        return ((Number) em.createNativeQuery("select count(*) from file_block where hash = ?1")
                .setParameter(1, hash.bytes()).getSingleResult()).longValue();
    }

    /** The columns of a table's primary key, in key order. */
    public List<String> primaryKey(String table) {
        return em.createNativeQuery("select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                        + " and a.attnum = any(i.indkey) where i.indrelid = ?1::regclass and i.indisprimary"
                        + " order by array_position(i.indkey, a.attnum)")
                .setParameter(1, table).getResultList().stream().map(String::valueOf).toList();
    }
}
