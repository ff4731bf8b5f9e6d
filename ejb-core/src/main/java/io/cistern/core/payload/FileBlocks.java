package io.cistern.core.payload;

import jakarta.persistence.EntityManager;

/**
 * The statements that drop a file's block mapping and release what it referenced, in the caller's transaction:
 * shared by {@link BlockIndex} and the metadata code that deletes files (which is not an EJB).
 */
public final class FileBlocks {
    /* One statement: the deleted rows' hashes, counted per hash, come off the counts they held. */
    private static final String UNMAP_FROM = "with dropped as ("
            + "  delete from file_block where inode_id = ?1 and block_index >= ?2 returning hash),"
            + " released as (select hash, count(*) as n from dropped group by hash)"
            + " update block b set refcount = greatest(b.refcount - r.n, 0), last_referenced = now()"
            + " from released r where b.hash = r.hash";

    private FileBlocks() {
    }

    /** Drops the pieces from {@code fromIndex} on and releases their blocks. */
    public static void unmapFrom(EntityManager em, long inodeId, long fromIndex) {
        em.createNativeQuery(UNMAP_FROM).setParameter(1, inodeId).setParameter(2, fromIndex).executeUpdate();
    }

    /** The file is deleted: drops every piece and releases its blocks. */
    public static void unmapAll(EntityManager em, long inodeId) {
        unmapFrom(em, inodeId, 0);
    }
}
