package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Which block each piece of a file is, and how many pieces name each block. Every method runs in the
 * caller's transaction, so a mapping and the counts it implies commit or roll back together: after every
 * commit a block's refcount is the number of {@code file_block} rows naming it.
 *
 * <p>Concurrent transactions that release overlapping sets of blocks in different orders may deadlock in
 * PostgreSQL; it aborts one of them, which the caller retries like any other failed chunk.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BlockIndex {
    /*
     * ON CONFLICT … DO UPDATE locks the row it replaces, and RETURNING old (PostgreSQL 18) reads the hash it
     * had under that lock: two writers of the same piece each see the other's hash and release it exactly once.
     */
    private static final String MAP = "insert into file_block (inode_id, block_index, hash, length)"
            + " values (?1, ?2, ?3, ?4)"
            + " on conflict (inode_id, block_index) do update set hash = excluded.hash, length = excluded.length"
            + " returning old.hash";

    private static final String BLOCKS_OF = "select block_index, hash, length from file_block"
            + " where inode_id = ?1 and block_index >= ?2 and block_index < ?3 order by block_index";

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /**
     * Counts one reference to {@code hash} outside any mapping, making its row if there is none. True when
     * the row is new or was PENDING (marked by garbage collection): only then must the caller put the block, before
     * its transaction commits; every other caller finds it stored.
     */
    public boolean reference(BlockHash hash, int size) {
        return new Refcounts(em).reference(hash, size);
    }

    /**
     * Makes piece {@code index} of the file {@code hash}: references it (a {@code size} of {@code length},
     * pieces being cut at block boundaries) and releases the hash the piece had before, if any. Mapping the
     * hash a piece already has changes no count. Returns whether the store may lack the block, as
     * {@link #reference} does, so that the uploader knows whether to put it.
     */
    public boolean mapBlock(long inodeId, long index, BlockHash hash, int length) {
        Refcounts refcounts = new Refcounts(em);
        boolean created = refcounts.reference(hash, length);
        Object previous = em.createNativeQuery(MAP).setParameter(1, inodeId).setParameter(2, index)
                .setParameter(3, hash.bytes()).setParameter(4, length).getSingleResult();
        if (previous != null) {
            refcounts.release((byte[]) previous);
        }
        return created;
    }

    /** Truncation: drops the pieces from {@code fromIndex} on and releases their blocks. */
    public void unmapFrom(long inodeId, long fromIndex) {
        FileBlocks.unmapFrom(em, inodeId, fromIndex);
    }

    /** Deletion of the file: drops every piece and releases its blocks. */
    public void unmapAll(long inodeId) {
        unmapFrom(inodeId, 0);
    }

    /** The pieces {@code fromIndex} to {@code fromIndex + count - 1} that have data, in order; holes are absent. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<FileBlockRef> blocksOf(long inodeId, long fromIndex, int count) {
        List<?> rows = em.createNativeQuery(BLOCKS_OF).setParameter(1, inodeId).setParameter(2, fromIndex)
                .setParameter(3, fromIndex + count).getResultList();
        List<FileBlockRef> refs = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            refs.add(new FileBlockRef(((Number) r[0]).longValue(), new BlockHash((byte[]) r[1]),
                    ((Number) r[2]).intValue()));
        }
        return refs;
    }
}
