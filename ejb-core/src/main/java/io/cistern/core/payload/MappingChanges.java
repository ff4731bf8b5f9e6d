package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One transaction's changes to file mappings: the {@code file_block} rows change at once, and what they do to the
 * blocks' counts is added up and applied by {@link #apply}, block by block in ascending (store, hash) order.
 * <p>
 * Why the counts wait. Changing a count locks the block's row until the transaction ends, and every transaction that
 * locks block rows must take them in one order, or two of them that share blocks (an upload referencing a block that
 * a deletion is releasing, two files with the same blocks in different places) wait for each other in a circle and
 * PostgreSQL aborts one. Ascending (store, hash) is that order everywhere ({@link FileBlocks}, the one-statement REMOVE).
 * A mapping changes under its file's inode lock, which the caller has taken already (inodes before blocks), so
 * counting later cannot race another writer of the same pieces.
 */
final class MappingChanges {
    /*
     * ON CONFLICT … DO UPDATE locks the row it replaces, and RETURNING old (PostgreSQL 18) reads the hash it
     * had under that lock.
     */
    private static final String MAP = "insert into file_block (inode_id, block_index, hash, length)"
            + " values (?1, ?2, ?3, ?4)"
            + " on conflict (inode_id, block_index) do update set hash = excluded.hash, length = excluded.length"
            + " returning old.hash";

    private static final String UNMAP_FROM = "delete from file_block where inode_id = ?1 and block_index >= ?2"
            + " returning hash";

    private final EntityManager em;
    // by store, then hash: BlockHash orders as PostgreSQL orders bytea
    private final Map<StoredHash, Count> counts = new TreeMap<>();

    /** A block's net change, and whether a mapping now names it (its size then, as {@code block.size} wants it). */
    private static final class Count {
        long delta;
        int mappedSize = -1;
    }

    MappingChanges(EntityManager em) {
        this.em = em;
    }

    /**
     * Makes piece {@code index} of the file {@code hash}, of which it uses {@code length} bytes; {@code storeId} is
     * the store of the file's share, which holds every block the file names.
     */
    void map(long inodeId, long storeId, long index, BlockHash hash, int length) {
        Object previous = em.createNativeQuery(MAP).setParameter(1, inodeId).setParameter(2, index)
                .setParameter(3, hash.bytes()).setParameter(4, length).getSingleResult();
        Count mapped = count(storeId, hash);
        mapped.delta++;
        mapped.mappedSize = Math.max(mapped.mappedSize, length);
        if (previous != null) {
            count(storeId, new BlockHash((byte[]) previous)).delta--;
        }
    }

    /** Drops the pieces from {@code fromIndex} on; their blocks are in {@code storeId}, the file's share's store. */
    void unmapFrom(long inodeId, long storeId, long fromIndex) {
        List<?> dropped = em.createNativeQuery(UNMAP_FROM).setParameter(1, inodeId).setParameter(2, fromIndex)
                .getResultList();
        for (Object hash : dropped) {
            count(storeId, new BlockHash((byte[]) hash)).delta--;
        }
    }

    /**
     * Applies the counts, in ascending (store, hash) order; returns the blocks mapped here that the store may lack (see
     * {@link Refcounts#reference}), in that order: the caller must put them before its transaction commits.
     */
    List<StoredHash> apply() {
        Refcounts refcounts = new Refcounts(em);
        List<StoredHash> toPut = new ArrayList<>();
        for (Map.Entry<StoredHash, Count> entry : counts.entrySet()) {
            Count count = entry.getValue();
            if (count.mappedSize >= 0) {
                // even when the net change is 0: a mapped block must be said UPLOADED, and put if it was not
                if (refcounts.reference(entry.getKey(), count.mappedSize, count.delta)) {
                    toPut.add(entry.getKey());
                }
            } else if (count.delta < 0) {
                refcounts.release(entry.getKey(), -count.delta);
            }
        }
        counts.clear();
        return toPut;
    }

    private Count count(long storeId, BlockHash hash) {
        return counts.computeIfAbsent(new StoredHash(storeId, hash), h -> new Count());
    }
}
