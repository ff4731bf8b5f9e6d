package io.cistern.core.payload;

import jakarta.persistence.EntityManager;

/**
 * The statements that drop a file's block mapping and release what it referenced, in the caller's transaction:
 * shared by {@link BlockIndex} and the metadata code that deletes files (which is not an EJB). The caller holds the
 * file's inode lock; the block rows, all in the store of the file's share, are then locked in ascending hash, the
 * order every transaction takes them in (see {@link BlockIndex}).
 */
public final class FileBlocks {
    /*
     * The update below locks the rows in whatever order its join runs, so the rows are locked first, in order: ORDER
     * BY under FOR UPDATE locks them as they come out sorted. = any(array(…)) looks each hash up by the key, where a
     * join would be planned blind (the planner cannot know how few the file's pieces are) and might scan every block.
     */
    private static final String LOCK_RELEASED = "select b.hash from block b where b.store_id = "
            + StoreOfFile.OF_INODE + " and b.hash = any(array("
            + "select f.hash from file_block f where f.inode_id = ?1 and f.block_index >= ?2)) order by b.hash for update";

    /* One statement: the deleted rows' hashes, counted per hash, come off the counts they held. */
    private static final String UNMAP_FROM = "with dropped as ("
            + "  delete from file_block where inode_id = ?1 and block_index >= ?2 returning hash),"
            + " released as (select hash, count(*) as n from dropped group by hash)"
            + " update block b set refcount = greatest(b.refcount - r.n, 0), last_referenced = now()"
            + " from released r where b.store_id = " + StoreOfFile.OF_INODE + " and b.hash = r.hash";

    private FileBlocks() {
    }

    /** Drops the pieces from {@code fromIndex} on and releases their blocks. */
    public static void unmapFrom(EntityManager em, long inodeId, long fromIndex) {
        em.createNativeQuery(LOCK_RELEASED).setParameter(1, inodeId).setParameter(2, fromIndex).getResultList();
        em.createNativeQuery(UNMAP_FROM).setParameter(1, inodeId).setParameter(2, fromIndex).executeUpdate();
    }

    /** The file is deleted: drops every piece and releases its blocks. */
    public static void unmapAll(EntityManager em, long inodeId) {
        unmapFrom(em, inodeId, 0);
    }
}
