package io.cistern.bench.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.VerifyingBlockStore;
import io.cistern.core.payload.BlockCache;
import io.cistern.core.payload.PrefetchPool;
import io.cistern.core.payload.ReadAhead;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sequential reader of one file through Cistern's read path, with its classes used as
 * {@code FileContents.read} and {@code StoredBlocks} use them: reads of {@link #READ_BYTES} from the start to
 * the end, each getting its block through {@code BlockCache.get(hash, h -> verifyingStore.get(h))} and taking a
 * read-only view of the range (BlockAssembler.readShared; a read across two blocks copies their pieces), then
 * calling {@code ReadAhead.onRead}, whose prefetch loads a block into the same cache
 * (skipping indexes past the end, as StoredBlocks finds no block there). The "file" is the store's blocks in
 * the order they were written; the reader knows their hashes, as it would from the block index, so the
 * bench leaves out only the index and journal lookups (in memory, no I/O, for a file fully uploaded).
 * <p>
 * Every run starts from nothing: a new, empty cache, a new read-ahead (no run of the file known) and a new
 * {@link PrefetchPool} (production's, with its thread count), whose threads are started before the clock.
 */
final class ReadPath {
    /** CisternSettings.blockCacheBytes()'s default (cistern.cache.mb). */
    static final long CACHE_BYTES = 256L << 20;
    /** PayloadEngine.READ_AHEAD_FILES and READ_AHEAD_BLOCKS. */
    static final int READ_AHEAD_FILES = 256;
    static final int PRODUCTION_WINDOW = 4;
    /** An NFS client's largest read (rsize); FileContents.read serves one such read at a time. */
    static final int READ_BYTES = 1 << 20;
    private static final long INODE = 1;
    private static final int BLOCK = BlockStore.MAX_BLOCK;

    private final VerifyingBlockStore store;
    private final List<BlockHash> hashes;
    private final long fileSize;
    private final int window;
    /** Over all runs, for the notes: what the reader waited for and what the prefetches did. */
    private long runs;
    private long readerNanos;
    private long readerWaitNanos;
    private long readerLoads;
    private long prefetchesSubmitted;
    private long prefetchFailures;
    /** What the reader saw of its bytes, kept so that the JIT cannot drop the copies. */
    private long sink;

    ReadPath(VerifyingBlockStore store, List<BlockHash> hashes, int window) {
        this.store = store;
        this.hashes = List.copyOf(hashes);
        this.fileSize = (long) hashes.size() * BLOCK;
        this.window = window;
    }

    int window() {
        return window;
    }

    /** Reads the whole file once, from an empty cache; returns the reader's nanoseconds from first read to last. */
    long readOnce() throws Exception {
        BlockCache cache = new BlockCache(CACHE_BYTES);
        PrefetchPool executor = prefetchPool();
        ReadAhead readAhead = new ReadAhead(READ_AHEAD_FILES, window, executor);
        AtomicLong failures = new AtomicLong();
        Reader reader = new Reader(cache, readAhead, failures);
        FutureTask<Long> task = new FutureTask<>(reader::readFile);
        Thread thread = new Thread(task, "bench-reader");
        try {
            if (cache.heldBytes() != 0) {
                throw new IllegalStateException("a new cache holds " + cache.heldBytes() + " bytes");
            }
            thread.start();
            long nanos = unwrap(task);
            executor.close();
            if (reader.bytesRead != fileSize) {
                throw new IllegalStateException("read " + reader.bytesRead + " bytes, expected " + fileSize);
            }
            if (cache.heldBytes() > CACHE_BYTES) {
                throw new IllegalStateException("the cache holds " + cache.heldBytes() + " bytes, over its capacity");
            }
            runs++;
            readerNanos += nanos;
            readerWaitNanos += reader.waitNanos;
            readerLoads += reader.loads;
            prefetchesSubmitted += readAhead.prefetchesSubmitted();
            prefetchFailures += failures.get();
            sink ^= reader.sink;
            return nanos;
        } finally {
            executor.close();
            thread.join();
        }
    }

    /** For the report's notes. */
    String describe(String label) {
        if (runs == 0) {
            return label + ": no runs";
        }
        long blocks = hashes.size();
        return String.format("%s: the reader spent %.0f%% of its time in BlockCache.get, waiting for blocks; it loaded"
                        + " %.1f of the %d blocks itself a run (no prefetch of them under way), its other waits were for"
                        + " prefetches still loading; %d prefetches submitted a run%s",
                label, 100.0 * readerWaitNanos / readerNanos, (double) readerLoads / runs, blocks,
                prefetchesSubmitted / runs,
                prefetchFailures == 0 ? "" : ", " + prefetchFailures + " of them FAILED");
    }

    /** Production's pool (PayloadEngine makes it from Payara's thread factory), its threads started before the clock. */
    private static PrefetchPool prefetchPool() throws InterruptedException {
        AtomicInteger number = new AtomicInteger();
        PrefetchPool pool = new PrefetchPool(PrefetchPool.THREADS, runnable -> {
            Thread thread = new Thread(runnable, "bench-prefetch-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch started = new CountDownLatch(PrefetchPool.THREADS);
        CountDownLatch hold = new CountDownLatch(1);
        for (int i = 0; i < PrefetchPool.THREADS; i++) {
            pool.execute(() -> {
                started.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();   // every thread exists and has run once
        hold.countDown();
        return pool;
    }

    private static long unwrap(FutureTask<Long> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** One run's reader thread. Its fields are read after the task's get(), which orders them. */
    private final class Reader {
        private final BlockCache cache;
        private final ReadAhead readAhead;
        private final AtomicLong prefetchFailures;
        long bytesRead;
        long waitNanos;
        long loads;
        long sink;

        Reader(BlockCache cache, ReadAhead readAhead, AtomicLong prefetchFailures) {
            this.cache = cache;
            this.readAhead = readAhead;
            this.prefetchFailures = prefetchFailures;
        }

        long readFile() {
            long start = System.nanoTime();
            for (long offset = 0; offset < fileSize; offset += READ_BYTES) {
                ByteBuffer bytes = read(offset, READ_BYTES);
                bytesRead += bytes.remaining();
                sink ^= bytes.get(bytes.position()) ^ bytes.get(bytes.limit() - 1);
            }
            return System.nanoTime() - start;
        }

        /**
         * FileContents.read for a file whose blocks are all stored: a read inside one block is a read-only view of
         * the cached block (BlockAssembler.readShared finds no journal record), one across blocks a copy of the
         * pieces; then onRead.
         */
        private ByteBuffer read(long offset, int length) {
            long end = Math.min(fileSize, offset + length);
            if (offset >= end) {
                return ByteBuffer.allocate(0);
            }
            ByteBuffer bytes;
            if (offset / BLOCK == (end - 1) / BLOCK) {
                bytes = piece(offset / BLOCK, (int) (offset % BLOCK), (int) (end - offset));
            } else {
                byte[] copy = new byte[(int) (end - offset)];
                for (long at = offset; at < end; ) {
                    long index = at / BLOCK;
                    int pieceLength = (int) Math.min(end - at, (index + 1) * BLOCK - at);
                    piece(index, (int) (at % BLOCK), pieceLength).get(copy, (int) (at - offset), pieceLength);
                    at += pieceLength;
                }
                bytes = ByteBuffer.wrap(copy);
            }
            readAhead.onRead(INODE, offset, bytes.remaining(), this::prefetch);
            return bytes;
        }

        /** BlockAssembler.readShared over StoredBlocks.load, with no journal extents: a view of the cached block. */
        private ByteBuffer piece(long index, int from, int length) {
            long waitStart = System.nanoTime();
            ByteBuffer base = cache.get(hashes.get((int) index), hash -> {
                loads++;
                return store.get(hash);
            });
            waitNanos += System.nanoTime() - waitStart;
            ByteBuffer view = base.duplicate();
            view.limit(base.position() + from + length).position(base.position() + from);
            return view.slice().asReadOnlyBuffer();
        }

        /** StoredBlocks.prefetch: no block past the end of the file; a failure is left for the read to report. */
        private void prefetch(long index) {
            if (index >= hashes.size()) {
                return;
            }
            try {
                cache.get(hashes.get((int) index), store::get);
            } catch (RuntimeException e) {
                prefetchFailures.incrementAndGet();
            }
        }
    }
}
