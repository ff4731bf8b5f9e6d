package io.cistern.core.payload;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Which store a file's blocks are in: its share's ({@code share.store_id}, null being the default store, id 0). Every
 * statement that names a file's blocks finds their store this way, so that a block is never counted in one store and
 * looked for in another.
 */
public final class StoreOfFile {
    /** The store, as a column expression over share {@code s}. */
    static final String SHARE_STORE = "coalesce(s.store_id, 0)";
    private static final String OF_INODE_QUERY = "select coalesce(s.store_id, 0) from inode i"
            + " join share s on s.id = i.share_id where i.id = ?1";
    /** The store of inode {@code ?1}, as a scalar subquery. */
    static final String OF_INODE = "(" + OF_INODE_QUERY + ")";

    private StoreOfFile() {
    }

    /** The store of the file {@code inodeId}; the default store for a file that is gone (it names no block then). */
    public static long of(EntityManager em, long inodeId) {
        List<?> rows = em.createNativeQuery(OF_INODE_QUERY)
                .setParameter(1, inodeId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? 0 : ((Number) rows.get(0)).longValue();
    }

    /**
     * The store of the share {@code shareId}, for putting blocks there: the share's row stays share-locked until the
     * caller's transaction ends, so that its store cannot change before the blocks are mapped (ShareService changes
     * it only under the row's exclusive lock, and only while the share has no file).
     */
    public static long lockedOfShare(EntityManager em, long shareId) {
        List<?> rows = em.createNativeQuery("select coalesce(store_id, 0) from share where id = ?1 for share")
                .setParameter(1, shareId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }
}
