package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStoreException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Whole blocks recently read from the block store and already verified against their hashes. A verified read has
 * to fetch and hash the whole 4 MiB block even for a small range, and clients read a block in many pieces (NFS
 * reads are 1 MiB at most): without this, each piece would cost a store round trip and a SHA-256 of its own.
 * <p>
 * <b>Bounded by bytes</b>, not entries: most blocks are 4 MiB, but the last block of a file may be a few bytes. When
 * full, the least recently used blocks go first. A block larger than the whole capacity is not kept, and capacity 0
 * keeps nothing (concurrent loads of one block are still shared, see below).
 * <p>
 * <b>Never stale.</b> The bytes under an address never change, so an entry is only ever wrong when its block was
 * deleted, which is what {@link #invalidate} is for. The arrays are kept as handed over, not copied (4 MiB each):
 * whoever hands one in, a loader or {@link #put}, must not change it afterwards. They are handed out as read-only
 * buffers, a new one per call, so that callers' positions do not interfere.
 * <p>
 * <b>One load per block.</b> Parallel reads of a file (NFS clients issue several at once) usually want the same
 * block at the same moment. Only the first caller runs its loader; the others wait for that load and get its
 * result. If it fails, every waiter gets the same exception (the very instance, so its stack trace is the loading
 * thread's) instead of retrying: a verified read fails because the block is missing or damaged, or because the
 * store stayed unreachable through its retries; each is an answer about the block, not about the caller, and
 * repeating it once per waiter would multiply the load on a store that is already failing. A failure is never
 * kept: the next call after it loads afresh.
 * <p>
 * Thread-safe: one lock guards the map, the loads under way and the counters, and is held for bookkeeping only;
 * loaders run outside it. A loader must not ask this cache for the block it is loading: it would wait for itself.
 */
public final class BlockCache {
    private final long capacityBytes;
    /** Guarded by this. In access order: the least recently used block comes first. */
    private final LinkedHashMap<BlockHash, byte[]> blocks = new LinkedHashMap<>(16, 0.75f, true);
    /** Guarded by this: the loads under way, at most one per block. */
    private final Map<BlockHash, Load> loading = new HashMap<>();
    /** Guarded by this. */
    private long heldBytes;
    /** Guarded by this. */
    private long hits;
    /** Guarded by this. */
    private long misses;

    /**
     * The capacity to use for a configured one on a heap of {@code maxHeapBytes}: at most a quarter of the heap.
     * Blocks being read, prefetched and assembled and the journal's recent writes need the heap too; a 256 MiB
     * cache in a 512 MiB heap ran out of memory under four readers at once after a restart.
     */
    public static long capacityWithinHeap(long configuredBytes, long maxHeapBytes) {
        return Math.min(configuredBytes, maxHeapBytes / 4);
    }

    public BlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("negative capacity " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /**
     * The block, from the cache or else from {@code loader}, which must return the whole block, verified. What the
     * loader throws comes out of here unchanged, also for the callers that waited for it, and is not kept.
     */
    public ByteBuffer get(BlockHash hash, Function<BlockHash, byte[]> loader) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(loader, "loader");
        Load load;
        boolean mine;
        synchronized (this) {
            byte[] cached = blocks.get(hash);
            if (cached != null) {
                hits++;
                return readOnly(cached);
            }
            misses++;
            load = loading.get(hash);
            mine = load == null;
            if (mine) {
                load = new Load();
                loading.put(hash, load);
            }
        }
        return readOnly(mine ? load(hash, loader, load) : load.await(hash));
    }

    /** The block if it is cached; never loads, and counts neither a hit nor a miss. It does count as a use. */
    public synchronized Optional<ByteBuffer> peek(BlockHash hash) {
        byte[] cached = blocks.get(hash);
        return cached == null ? Optional.empty() : Optional.of(readOnly(cached));
    }

    /**
     * Keeps {@code block} as the contents of {@code hash}, e.g. right after it was stored, when its bytes are at
     * hand and known good. The caller vouches that they hash to {@code hash}; nothing here checks it.
     */
    public void put(BlockHash hash, byte[] block) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(block, "block");
        synchronized (this) {
            keep(hash, block);
        }
    }

    /**
     * Forgets the block: call it when the block is deleted from the store. A load of it under way still answers
     * its callers but is not kept.
     */
    public synchronized void invalidate(BlockHash hash) {
        byte[] dropped = blocks.remove(hash);
        if (dropped != null) {
            heldBytes -= dropped.length;
        }
        loading.remove(hash);
    }

    /** The bytes of the blocks held now; never more than {@link #capacityBytes()}. */
    public synchronized long heldBytes() {
        return heldBytes;
    }

    /** Calls of {@link #get} answered from the cache. */
    public synchronized long hits() {
        return hits;
    }

    /** Calls of {@link #get} not answered from the cache: each ran its loader or waited for another's. */
    public synchronized long misses() {
        return misses;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Runs the loader for the first caller and publishes the outcome to the others. */
    private byte[] load(BlockHash hash, Function<BlockHash, byte[]> loader, Load load) {
        byte[] block;
        try {
            block = Objects.requireNonNull(loader.apply(hash), "the loader returned no bytes for block " + hash);
        } catch (Throwable failure) {
            synchronized (this) {
                loading.remove(hash, load);
            }
            load.fail(failure);
            throw failure;
        }
        synchronized (this) {
            // false when the block was invalidated meanwhile: hand the bytes to this load's callers only
            if (loading.remove(hash, load)) {
                keep(hash, block);
            }
        }
        load.succeed(block);
        return block;
    }

    /** Guarded by this. Adds or replaces the block, then evicts from the least recently used end. */
    private void keep(BlockHash hash, byte[] block) {
        if (capacityBytes == 0 || block.length > capacityBytes) {
            return;
        }
        byte[] previous = blocks.put(hash, block);
        heldBytes += block.length - (previous == null ? 0 : previous.length);
        // the block just kept is the most recent and fits on its own, so the loop stops before reaching it
        Iterator<byte[]> eldestFirst = blocks.values().iterator();
        while (heldBytes > capacityBytes) {
            heldBytes -= eldestFirst.next().length;
            eldestFirst.remove();
        }
    }

    private static ByteBuffer readOnly(byte[] block) {
        return ByteBuffer.wrap(block).asReadOnlyBuffer();
    }

    /** One load under way. Its outcome is written before the latch opens and read after, by the waiters. */
    private static final class Load {
        private final CountDownLatch done = new CountDownLatch(1);
        private byte[] block;
        private Throwable failure;

        void succeed(byte[] loaded) {
            block = loaded;
            done.countDown();
        }

        void fail(Throwable thrown) {
            failure = thrown;
            done.countDown();
        }

        /**
         * Waits for the outcome. An interrupted waiter gives up with {@code UNAVAILABLE}, the kind that tells the
         * caller to try again later, and keeps its interrupt flag set.
         */
        byte[] await(BlockHash hash) {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BlockStoreException(BlockStoreException.Kind.UNAVAILABLE,
                        "interrupted while waiting for block " + hash + " to be read", e);
            }
            if (failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                // only a loader that sneaks a checked exception past Function gets here
                throw new BlockStoreException(BlockStoreException.Kind.IO,
                        "reading block " + hash + " failed: " + failure, failure);
            }
            return block;
        }
    }
}
