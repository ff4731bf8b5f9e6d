package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStoreException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * <b>Full blocks live off the heap</b>, in reusable direct buffers of one block each (slabs); shorter blocks, the
 * tails of files, live on the heap. A heap cache of 4 MiB arrays made the garbage collector copy them between
 * generations and, each being a "humongous" object in G1's eyes, start old-generation cycles: a 1 GiB sequential
 * read cost a second of pauses. It also had to fit in a quarter of the heap, smaller than the files people read.
 * A reader pins the entry: {@link #read} copies the range it asks for while pinned; {@link #view} hands out a
 * read-only view that keeps the pin until the reader releases it (a reply written to a socket straight from the
 * slab). A slab is reused for another block only once its last pin is gone, so no live buffer ever sees it change.
 * <p>
 * <b>Bounded by bytes</b>, not entries: a full block counts its slab, a short one its length. When full, the least
 * recently used blocks go first. A block larger than the whole capacity is not kept, and capacity 0 keeps nothing
 * (concurrent loads of one block are still shared, see below).
 * <p>
 * <b>Never stale.</b> The bytes under an address never change, so an entry is only ever wrong when its block was
 * deleted, which is what {@link #invalidate} is for.
 * <p>
 * <b>One load per block.</b> Parallel reads of a file (NFS clients issue several at once) usually want the same
 * block at the same moment. Only the first caller runs its loader; the others wait for that load and get its
 * result. If it fails, every waiter gets the same exception (the very instance, so its stack trace is the loading
 * thread's) instead of retrying: a verified read fails because the block is missing or damaged, or because the
 * store stayed unreachable through its retries; each is an answer about the block, not about the caller, and
 * repeating it once per waiter would multiply the load on a store that is already failing. A failure is never
 * kept: the next call after it loads afresh.
 * <p>
 * Thread-safe: one lock guards the map, the loads under way, the pins, the free slabs and the counters, and is held
 * for bookkeeping only; loaders and copies run outside it. A loader must not ask this cache for the block it is
 * loading: it would wait for itself.
 */
public final class BlockCache {
    /** Free slabs kept beyond the capacity at most: as many as the upload seals at a time (four full blocks). */
    static final int SPARE_SLABS = 4;
    private final long capacityBytes;
    private final int slabBytes;
    /** Guarded by this. In access order: the least recently used block comes first. */
    private final LinkedHashMap<BlockHash, Entry> blocks = new LinkedHashMap<>(16, 0.75f, true);
    /** Guarded by this: the loads under way, at most one per block. */
    private final Map<BlockHash, Load> loading = new HashMap<>();
    /** Guarded by this: slabs of evicted blocks, for the next full block to be kept. */
    private final ArrayDeque<ByteBuffer> freeSlabs = new ArrayDeque<>();
    /** Guarded by this: slabs held by entries, including evicted ones that readers still pin. */
    private int slabsInUse;
    /** Guarded by this. */
    private long heldBytes;
    /** Guarded by this. */
    private long hits;
    /** Guarded by this. */
    private long misses;

    /**
     * The capacity to use for a configured one when direct buffers may take {@code maxDirectBytes} in all: what is
     * left after {@code headroomBytes} for the network buffers and the JDK's own I/O buffers, but never less than a
     * quarter of the limit (a server started without the launcher's setting has the JVM's default, the heap size).
     */
    public static long capacityWithinDirectMemory(long configuredBytes, long maxDirectBytes, long headroomBytes) {
        long room = Math.max(maxDirectBytes - headroomBytes, maxDirectBytes / 4);
        return Math.max(0, Math.min(configuredBytes, room));
    }

    /** A cache whose slabs hold one block of {@link JournalIndex#BLOCK_SIZE} bytes. */
    public BlockCache(long capacityBytes) {
        this(capacityBytes, JournalIndex.BLOCK_SIZE);
    }

    /** For tests: blocks of exactly {@code slabBytes} bytes go off the heap. */
    BlockCache(long capacityBytes, int slabBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("negative capacity " + capacityBytes);
        }
        if (slabBytes <= 0) {
            throw new IllegalArgumentException("slab size " + slabBytes);
        }
        this.capacityBytes = capacityBytes;
        this.slabBytes = slabBytes;
    }

    /**
     * Bytes {@code from} to {@code to} of the block (fewer when it is shorter, none when it ends before
     * {@code from}), from the cache or else from {@code loader}, which must return the whole block, verified. The
     * result is read-only and the caller's to keep: nothing changes it later. What the loader throws comes out of here unchanged, also for the
     * callers that waited for it, and is not kept.
     */
    public ByteBuffer read(BlockHash hash, Function<BlockHash, byte[]> loader, int from, int to) {
        return view(hash, loader, from, to).detach();
    }

    /**
     * As {@link #read}, but without the copy: a view of the cached bytes that holds their slab until released, so
     * that a reply can be written to the socket straight from it. A slab a client holds this way is not reused;
     * the cache then takes a new slab for the next full block, and the held one goes to the collector when it is
     * released if the cache has enough by then.
     */
    public BlockView view(BlockHash hash, Function<BlockHash, byte[]> loader, int from, int to) {
        Objects.requireNonNull(loader, "loader");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
        Entry entry;
        Load load = null;
        boolean mine = false;
        synchronized (this) {
            entry = pinned(Objects.requireNonNull(hash, "hash"));
            if (entry != null) {
                hits++;
            } else {
                misses++;
                load = loading.get(hash);
                mine = load == null;
                if (mine) {
                    load = new Load();
                    loading.put(hash, load);
                }
            }
        }
        if (entry != null) {
            return pinnedView(entry, from, to);
        }
        // the loaded array is never written again: the cache copies it into a slab or keeps it as it is
        byte[] block = mine ? load(hash, loader, load) : load.await(hash);
        return BlockView.owned(range(ByteBuffer.wrap(block), block.length, from, to));
    }
    /**
     * As {@link #view}, when the block is in the cache; null when it is not, without loading it or waiting for
     * another thread's load (a miss is counted by the {@link #view} that follows).
     */
    public BlockView viewIfCached(BlockHash hash, int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
        Entry entry;
        synchronized (this) {
            entry = pinned(Objects.requireNonNull(hash, "hash"));
            if (entry != null) {
                hits++;
            }
        }
        return entry == null ? null : pinnedView(entry, from, to);
    }

    /** The whole block, as {@link #read} with the block's full range. */
    public ByteBuffer get(BlockHash hash, Function<BlockHash, byte[]> loader) {
        return read(hash, loader, 0, Integer.MAX_VALUE);
    }

    /** A copy of the whole block if it is cached; never loads, and counts neither a hit nor a miss. It does count as a use. */
    public Optional<byte[]> peek(BlockHash hash) {
        Entry entry;
        synchronized (this) {
            entry = pinned(hash);
        }
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(pinnedView(entry, 0, Integer.MAX_VALUE).copyAndRelease().array());
    }

    /**
     * Keeps {@code block} as the contents of {@code hash}, e.g. right after it was stored, when its bytes are at
     * hand and known good. The caller vouches that they hash to {@code hash}; nothing here checks it.
     */
    public void put(BlockHash hash, byte[] block) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(block, "block");
        keep(hash, block);
    }

    /**
     * A slab to build a full block in, for {@link #adopt} once the block is known good, or for {@link #giveBack};
     * null when this cache keeps no full blocks. The uploader seals a block straight into one, so that its bytes go
     * from there to the store and into the cache without the 4 MiB copy {@link #put} makes. A borrowed slab counts
     * for nothing here until adopted: one never handed back goes to the collector, and the books stay right.
     */
    public ByteBuffer borrowSlab() {
        if (capacityBytes < slabBytes) {
            return null;
        }
        ByteBuffer slab;
        synchronized (this) {
            slab = freeSlabs.pollFirst();
        }
        return (slab == null ? ByteBuffer.allocateDirect(slabBytes) : slab).clear();
    }

    /**
     * Keeps the full block in {@code slab}, one from {@link #borrowSlab} that now belongs to this cache: the caller
     * must not touch it again, for it is reused once the block is evicted. The caller vouches that its bytes hash to
     * {@code hash}.
     */
    public void adopt(BlockHash hash, ByteBuffer slab) {
        Objects.requireNonNull(hash, "hash");
        if (!slab.isDirect() || slab.capacity() != slabBytes) {
            throw new IllegalArgumentException("not a slab of this cache: " + slab);
        }
        synchronized (this) {
            slabsInUse++;
        }
        insert(hash, new Entry(null, slab.clear(), slabBytes), null);
    }

    /**
     * Returns a borrowed slab that holds no block worth keeping. It is kept as one of the {@link #SPARE_SLABS} free
     * slabs while there are fewer; beyond them it goes to the collector.
     */
    public synchronized void giveBack(ByteBuffer slab) {
        if (slab.isDirect() && slab.capacity() == slabBytes && freeSlabs.size() < SPARE_SLABS) {
            freeSlabs.addFirst(slab);
        }
    }

    /**
     * Forgets the block: call it when the block is deleted from the store. A load of it under way still answers
     * its callers but is not kept.
     */
    public synchronized void invalidate(BlockHash hash) {
        Entry dropped = blocks.remove(hash);
        if (dropped != null) {
            evicted(dropped);
        }
        loading.remove(hash);
    }

    /** The bytes the blocks held now take; never more than {@link #capacityBytes()}. */
    public synchronized long heldBytes() {
        return heldBytes;
    }

    /** Calls of {@link #read} answered from the cache. */
    public synchronized long hits() {
        return hits;
    }

    /** Calls of {@link #read} not answered from the cache: each ran its loader or waited for another's. */
    public synchronized long misses() {
        return misses;
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Direct buffers this cache holds, in use or free: what it takes outside the heap is this many slabs. */
    synchronized int slabsAllocated() {
        return slabsInUse + freeSlabs.size();
    }

    /** Guarded by this. The entry, pinned, or null when the block is not cached. */
    private Entry pinned(BlockHash hash) {
        Entry entry = blocks.get(hash);
        if (entry != null) {
            entry.pins++;
        }
        return entry;
    }

    /**
     * A view of the pinned entry's range that unpins it when released. A heap entry's array is never written, so
     * its view needs no pin; a slab's holds it until the reader is done.
     */
    private BlockView pinnedView(Entry entry, int from, int to) {
        if (entry.slab == null) {
            unpin(entry);
            return BlockView.owned(range(ByteBuffer.wrap(entry.heap), entry.length, from, to));
        }
        ByteBuffer bytes = range(entry.slab, entry.length, from, to);
        if (!bytes.hasRemaining()) {
            unpin(entry);
            return BlockView.owned(bytes);
        }
        return BlockView.pinned(bytes, () -> unpin(entry));
    }

    private synchronized void unpin(Entry entry) {
        entry.pins--;
        if (entry.evicted && entry.pins == 0) {
            release(entry);
        }
    }

    /** Bytes {@code from} to {@code to} of a block of {@code length} bytes held in {@code bytes} from index 0. */
    private static ByteBuffer range(ByteBuffer bytes, int length, int from, int to) {
        int start = Math.min(from, length);
        int end = Math.max(start, Math.min(to, length));
        return bytes.slice(start, end - start).asReadOnlyBuffer();
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
        load.succeed(block);
        keep(hash, block, load);
        return block;
    }

    private void keep(BlockHash hash, byte[] block) {
        keep(hash, block, null);
    }

    /**
     * Adds or replaces the block, then evicts from the least recently used end. With {@code load} given, only
     * while that load is still the one under way (it is not when the block was invalidated meanwhile). The bytes
     * go into a slab outside the lock: a 4 MiB copy would hold up every reader.
     */
    private void keep(BlockHash hash, byte[] block, Load load) {
        if (capacityBytes == 0 || footprint(block.length) > capacityBytes) {
            if (load != null) {
                synchronized (this) {
                    loading.remove(hash, load);
                }
            }
            return;
        }
        ByteBuffer slab = null;
        if (block.length == slabBytes) {
            synchronized (this) {
                slab = freeSlabs.pollFirst();
                slabsInUse++;
            }
            if (slab == null) {
                slab = ByteBuffer.allocateDirect(slabBytes);
            }
            slab.clear();
            slab.put(block).flip();
        }
        insert(hash, new Entry(slab == null ? block : null, slab, block.length), load);
    }

    /**
     * Adds or replaces the entry, then evicts from the least recently used end; with {@code load}, only while that
     * load is still the one under way, as {@link #keep(BlockHash, byte[], Load)} says.
     */
    private void insert(BlockHash hash, Entry entry, Load load) {
        synchronized (this) {
            if (load != null && !loading.remove(hash, load)) {
                release(entry);
                return;
            }
            Entry previous = blocks.put(hash, entry);
            heldBytes += footprint(entry.length);
            if (previous != null) {
                evicted(previous);
            }
            // the block just kept is the most recent and fits on its own, so the loop stops before reaching it
            Iterator<Entry> eldestFirst = blocks.values().iterator();
            while (heldBytes > capacityBytes) {
                Entry eldest = eldestFirst.next();
                eldestFirst.remove();
                evicted(eldest);
            }
        }
    }

    /** Guarded by this. The entry left the map: its slab is reused once no reader pins it. */
    private void evicted(Entry entry) {
        heldBytes -= footprint(entry.length);
        entry.evicted = true;
        if (entry.pins == 0) {
            release(entry);
        }
    }

    /**
     * Guarded by this. Keeps the slab for reuse, as many as the capacity holds plus the one a new block takes
     * before its eviction returns another, and beyond that while fewer than {@link #SPARE_SLABS} are free: the upload
     * borrows a few slabs at a time, and the blocks they hold push as many out when adopted, whose slabs the next
     * ones borrow.
     * The rest (slabs pinned beyond that) go to the collector.
     */
    private void release(Entry entry) {
        if (entry.slab == null) {
            return;
        }
        slabsInUse--;
        if ((long) (slabsInUse + freeSlabs.size()) * slabBytes <= capacityBytes || freeSlabs.size() < SPARE_SLABS) {
            freeSlabs.addFirst(entry.slab);
        }
    }

    private long footprint(int length) {
        return length == slabBytes ? slabBytes : length;
    }

    /** A cached block: on the heap, or in a slab. The pins and the evicted flag are guarded by the cache. */
    private static final class Entry {
        private final byte[] heap;
        private final ByteBuffer slab;
        private final int length;
        private int pins;
        private boolean evicted;

        Entry(byte[] heap, ByteBuffer slab, int length) {
            this.heap = heap;
            this.slab = slab;
            this.length = length;
        }
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
