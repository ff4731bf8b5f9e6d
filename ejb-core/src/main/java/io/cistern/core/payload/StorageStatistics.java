package io.cistern.core.payload;

import io.cistern.core.fs.FileType;
import io.cistern.core.model.BlockStoreRow;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Used space as the API and the metrics report it, computed by PostgreSQL from {@code file_block} and
 * {@code block}. One statement per answer, so its parts come from one snapshot and agree with each other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StorageStatistics {
    /* Unique bytes count each distinct block once however many pieces of the share's files name it. */
    private static final String SHARE_USAGE = "with mapped as (select f.hash, f.length from file_block f"
            + "  join inode i on i.id = f.inode_id where i.share_id = ?1)"
            + " select (select coalesce(sum(length), 0) from mapped),"
            + " (select coalesce(sum(b.size), 0) from block b where b.store_id = (select coalesce(s.store_id, 0)"
            + "  from share s where s.id = ?1) and b.hash in (select hash from mapped)),"
            + " (select count(*) from inode where share_id = ?1 and type = " + FileType.REGULAR.code() + ")";

    /* Blocks at refcount 0 are garbage waiting for collection; they are not space anyone uses. */
    private static final String STORE_USAGE = "select coalesce(sum(size), 0), count(*) from block where refcount > 0"
            + " and store_id = ?1";

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** Logical and unique bytes, the dedup ratio, and the regular files of a share. */
    public ShareUsage usage(long shareId) {
        Object[] row = (Object[]) em.createNativeQuery(SHARE_USAGE).setParameter(1, shareId).getSingleResult();
        return ShareUsage.of(longOf(row[0]), longOf(row[1]), longOf(row[2]));
    }

    /** The bytes and the number of the default store's blocks still referenced. */
    public StoreUsage storeUsage() {
        return storeUsage(BlockStoreRow.DEFAULT_ID);
    }

    /** The bytes and the number of store {@code storeId}'s blocks still referenced: its unique bytes and blocks. */
    public StoreUsage storeUsage(long storeId) {
        Object[] row = (Object[]) em.createNativeQuery(STORE_USAGE).setParameter(1, storeId).getSingleResult();
        return new StoreUsage(longOf(row[0]), longOf(row[1]));
    }

    private static long longOf(Object value) {
        return ((Number) value).longValue();
    }
}
