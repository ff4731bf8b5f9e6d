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
 * <p>Lock order, everywhere a transaction locks these rows: the files' inode rows first (a caller that locks
 * several locks them in ascending id, as the uploader does), then block rows in ascending (store, hash): a file's
 * blocks are all in its share's store, and a share changes store only while it holds no file. Two transactions
 * that took them in different orders (a deletion holding a file and wanting a block that an upload holds while
 * waiting for that file) would wait for each other in a circle, and PostgreSQL would abort one: a client's REMOVE
 * would fail. {@link MappingChanges} keeps the order for mapping changes, {@link FileBlocks} for deletions.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class BlockIndex {
    private static final String BLOCKS_OF = "select f.block_index, f.hash, f.length, " + StoreOfFile.SHARE_STORE
            + " from file_block f join inode i on i.id = f.inode_id join share s on s.id = i.share_id"
            + " where f.inode_id = ?1 and f.block_index >= ?2 and f.block_index < ?3 order by f.block_index";

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /**
     * Counts one reference to {@code hash} outside any mapping, making its row if there is none. True when
     * the row is new or was PENDING (marked by garbage collection): only then must the caller put the block, before
     * its transaction commits; every other caller finds it stored.
     */
    public boolean reference(StoredHash block, int size) {
        return new Refcounts(em).reference(block, size);
    }

    /**
     * Makes piece {@code index} of the file {@code hash}: references it (a {@code size} of {@code length},
     * pieces being cut at block boundaries) and releases the hash the piece had before, if any. Mapping the
     * hash a piece already has changes no count. Returns whether the store may lack the block, as
     * {@link #reference} does, so that the caller knows whether to put it. (The uploader, which changes several
     * mappings in one transaction, uses {@link MappingChanges} itself, which orders all their count changes.)
     */
    public boolean mapBlock(long inodeId, long index, BlockHash hash, int length) {
        MappingChanges changes = new MappingChanges(em);
        changes.map(inodeId, StoreOfFile.of(em, inodeId), index, hash, length);
        return !changes.apply().isEmpty();
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
                    ((Number) r[2]).intValue(), ((Number) r[3]).longValue()));
        }
        return refs;
    }
}
