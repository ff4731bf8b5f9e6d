package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStoreException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BlockCacheTest {
    private static final int THREADS = 8;

    @Test
    void secondGetIsAHitAndDoesNotLoad() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        AtomicInteger loads = new AtomicInteger();
        Function<BlockHash, byte[]> loader = h -> {
            loads.incrementAndGet();
            return a;
        };

        assertArrayEquals(a, bytes(cache.get(hash(a), loader)));
        assertArrayEquals(a, bytes(cache.get(hash(a), loader)));
        assertArrayEquals(a, bytes(cache.get(hash(a), loader)));

        assertEquals(1, loads.get());
        assertEquals(1, cache.misses());
        assertEquals(2, cache.hits());
        assertEquals(100, cache.heldBytes());
        assertEquals(1000, cache.capacityBytes());
    }

    @Test
    void evictsLeastRecentlyUsedFirst() {
        BlockCache cache = new BlockCache(300);
        byte[] a = block(100, 1);
        byte[] b = block(100, 2);
        byte[] c = block(100, 3);
        byte[] d = block(100, 4);
        cache.put(hash(a), a);
        cache.put(hash(b), b);
        cache.put(hash(c), c);
        cache.get(hash(a), h -> fail("a is cached"));   // a is now the most recently used, b the least

        cache.put(hash(d), d);

        assertTrue(cache.peek(hash(b)).isEmpty(), "b was the least recently used");
        assertArrayEquals(a, cache.peek(hash(a)).orElseThrow());
        assertArrayEquals(c, cache.peek(hash(c)).orElseThrow());
        assertArrayEquals(d, cache.peek(hash(d)).orElseThrow());
        assertEquals(300, cache.heldBytes());
    }

    @Test
    void evictsByBytesNotEntries() {
        BlockCache cache = new BlockCache(1000);
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            small.add(block(100, i));
            cache.put(hash(small.get(i)), small.get(i));
        }
        assertEquals(1000, cache.heldBytes(), "ten blocks of 100 fill 1000 bytes exactly");

        byte[] big = block(250, 99);
        cache.put(hash(big), big);

        // 250 more bytes push out the three least recently used blocks, and no more
        for (int i = 0; i < 3; i++) {
            assertTrue(cache.peek(hash(small.get(i))).isEmpty(), "block " + i + " evicted");
        }
        for (int i = 3; i < 10; i++) {
            assertTrue(cache.peek(hash(small.get(i))).isPresent(), "block " + i + " kept");
        }
        assertEquals(950, cache.heldBytes());
    }

    @Test
    void aBlockLargerThanTheCapacityIsServedButNotKept() {
        BlockCache cache = new BlockCache(100);
        byte[] small = block(60, 1);
        byte[] large = block(101, 2);
        cache.put(hash(small), small);
        AtomicInteger loads = new AtomicInteger();

        for (int i = 0; i < 2; i++) {
            assertArrayEquals(large, bytes(cache.get(hash(large), h -> {
                loads.incrementAndGet();
                return large;
            })));
        }

        assertEquals(2, loads.get());
        assertEquals(60, cache.heldBytes(), "the small block was not evicted for nothing");
        assertTrue(cache.peek(hash(small)).isPresent());
    }

    @Test
    void replacingABlockDoesNotCountItTwice() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        cache.put(hash(a), a);
        cache.put(hash(a), a.clone());
        assertEquals(100, cache.heldBytes());
    }

    @Test
    void capacityZeroCachesNothing() {
        BlockCache cache = new BlockCache(0);
        byte[] a = block(100, 1);
        byte[] empty = new byte[0];
        AtomicInteger loads = new AtomicInteger();
        Function<BlockHash, byte[]> loader = h -> {
            loads.incrementAndGet();
            return a;
        };

        assertArrayEquals(a, bytes(cache.get(hash(a), loader)));
        assertArrayEquals(a, bytes(cache.get(hash(a), loader)));
        cache.put(hash(a), a);
        cache.put(hash(empty), empty);

        assertEquals(2, loads.get());
        assertEquals(0, cache.hits());
        assertEquals(2, cache.misses());
        assertEquals(0, cache.heldBytes());
        assertTrue(cache.peek(hash(a)).isEmpty());
        assertTrue(cache.peek(hash(empty)).isEmpty(), "not even an empty block");
    }

    @Test
    void buffersAreReadOnlyAndPeeksTheCallersOwn() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        ByteBuffer first = cache.get(hash(a), h -> a);
        ByteBuffer second = cache.get(hash(a), h -> fail("cached"));
        byte[] peeked = cache.peek(hash(a)).orElseThrow();

        assertThrows(ReadOnlyBufferException.class, () -> first.put(0, (byte) (a[0] + 1)));
        assertThrows(ReadOnlyBufferException.class, () -> second.put(1, (byte) (a[1] + 1)));
        peeked[2] = (byte) (a[2] + 1);
        assertArrayEquals(a, bytes(cache.get(hash(a), h -> fail("cached"))), "the cached block did not change");
        assertEquals(0, second.position());
        assertEquals(100, second.remaining());
    }

    /**
     * A view holds its slab: the block can be evicted while a reply is still being written from it, and the slab
     * goes back to the free list only when the view is released, never to a block loaded meanwhile.
     */
    @Test
    void aHeldViewKeepsItsSlabUntilReleased() {
        BlockCache cache = new BlockCache(100, 100);
        byte[] a = block(100, 1);
        byte[] b = block(100, 2);
        byte[] c = block(100, 3);
        cache.get(hash(a), h -> a);
        BlockView held = cache.view(hash(a), h -> fail("cached"), 10, 60);
        assertTrue(held.bytes().isDirect(), "a view of the slab itself");
        assertThrows(ReadOnlyBufferException.class, () -> held.bytes().put(0, (byte) 0));

        cache.get(hash(b), h -> b);   // evicts a, whose slab the view still holds
        assertTrue(cache.peek(hash(a)).isEmpty());
        assertEquals(2, cache.slabsAllocated(), "b took a new slab: a's is held");
        assertArrayEquals(Arrays.copyOfRange(a, 10, 60), bytes(held.bytes()), "the held bytes did not change");

        held.release();
        held.release();
        cache.get(hash(c), h -> c);   // evicts b; c reuses a's slab, now free
        assertEquals(2, cache.slabsAllocated(), "a released slab is reused, and a second release freed nothing more");
        assertArrayEquals(c, bytes(cache.get(hash(c), h -> fail("cached"))));
    }

    @Test
    void aViewOfAMissOrAShortBlockHoldsNothing() {
        BlockCache cache = new BlockCache(1000, 100);
        byte[] tail = block(30, 4);
        BlockView missed = cache.view(hash(tail), h -> tail, 5, 25);
        BlockView hit = cache.view(hash(tail), h -> fail("cached"), 0, 100);
        assertArrayEquals(Arrays.copyOfRange(tail, 5, 25), bytes(missed.bytes()));
        assertArrayEquals(tail, bytes(hit.bytes()));
        assertEquals(0, cache.slabsAllocated());
        cache.invalidate(hash(tail));   // nothing pinned: the entry simply goes
        assertEquals(0, cache.heldBytes());
        missed.release();
        hit.release();
    }

    @Test
    void readsARangeOfTheBlock() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        assertArrayEquals(Arrays.copyOfRange(a, 10, 30), bytes(cache.read(hash(a), h -> a, 10, 30)), "on a miss");
        assertArrayEquals(Arrays.copyOfRange(a, 90, 100), bytes(cache.read(hash(a), h -> a, 90, 130)),
                "a range past the end is cut at the end");
        assertEquals(0, cache.read(hash(a), h -> a, 100, 200).remaining(), "a range after the end is empty");
        assertEquals(0, cache.read(hash(a), h -> a, 5, 5).remaining());
        assertThrows(IllegalArgumentException.class, () -> cache.read(hash(a), h -> a, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> cache.read(hash(a), h -> a, -1, 10));
        assertEquals(1, cache.misses());
        assertEquals(3, cache.hits());
    }

    @Test
    void fullBlocksLiveInSlabsThatEvictionReuses() {
        BlockCache cache = new BlockCache(300, 100);
        for (int i = 0; i < 20; i++) {
            byte[] full = block(100, i);
            assertArrayEquals(full, bytes(cache.get(hash(full), h -> full)));
            assertArrayEquals(Arrays.copyOfRange(full, 40, 60), bytes(cache.read(hash(full), h -> fail("kept"), 40, 60)));
        }
        assertEquals(4, cache.slabsAllocated(),
                "three slabs fill the capacity, one more takes each new block, and evicted ones are reused");
        assertEquals(300, cache.heldBytes());
        byte[] tail = block(30, 99);
        cache.put(hash(tail), tail);
        assertEquals(230, cache.heldBytes(), "a short block counts its length, and pushed one full block out");
        assertArrayEquals(tail, cache.peek(hash(tail)).orElseThrow());
        cache.invalidate(hash(tail));
        assertEquals(200, cache.heldBytes());
    }

    @Test
    void aBorrowedSlabIsKeptWithoutACopyOnceAdoptedAndReusedOnceEvicted() {
        BlockCache cache = new BlockCache(200, 100);
        ByteBuffer first = cache.borrowSlab();
        byte[] a = block(100, 1);
        first.put(0, a);
        cache.adopt(hash(a), first);

        BlockView view = cache.view(hash(a), h -> fail("adopted"), 0, 100);
        assertArrayEquals(a, bytes(view.bytes()));
        view.release();
        assertEquals(1, cache.slabsAllocated());
        assertEquals(100, cache.heldBytes());
        // changing the adopted slab shows through the cache: it kept that very buffer, not a copy of it
        first.put(0, (byte) (a[0] + 1));
        assertEquals((byte) (a[0] + 1), cache.peek(hash(a)).orElseThrow()[0]);

        byte[] b = block(100, 2);
        byte[] c = block(100, 3);
        cache.put(hash(b), b);
        cache.put(hash(c), c);   // evicts a, whose slab goes back to the free list
        assertEquals(200, cache.heldBytes());
        assertSame(first, cache.borrowSlab(), "the evicted slab is lent out again");
    }

    @Test
    void slabsLentAFewAtATimeComeBackForTheNextFewOnceTheCacheIsFull() {
        BlockCache cache = new BlockCache(200, 100);
        List<ByteBuffer> allocated = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<ByteBuffer> lent = new ArrayList<>();
            for (int i = 0; i < BlockCache.SPARE_SLABS; i++) {
                ByteBuffer slab = cache.borrowSlab();
                if (allocated.stream().noneMatch(known -> known == slab)) {
                    allocated.add(slab);
                }
                lent.add(slab);
            }
            for (int i = 0; i < lent.size(); i++) {
                byte[] block = block(100, round * 100 + i);
                lent.get(i).put(0, block);
                cache.adopt(hash(block), lent.get(i));
            }
        }
        assertEquals(2 + BlockCache.SPARE_SLABS, allocated.size(),
                "two slabs hold the cache's blocks; the evicted ones serve the next round");
        assertEquals(BlockCache.SPARE_SLABS, cache.slabsAllocated() - 2);
        assertEquals(200, cache.heldBytes());
    }

    @Test
    void aSlabGivenBackIsLentAgainAndNoneIsLentWithoutRoomForOne() {
        BlockCache cache = new BlockCache(200, 100);
        List<ByteBuffer> lent = new ArrayList<>();
        for (int i = 0; i <= BlockCache.SPARE_SLABS; i++) {
            lent.add(cache.borrowSlab());
        }
        lent.forEach(cache::giveBack);   // the last one beyond the spares: left to the collector
        assertEquals(BlockCache.SPARE_SLABS, cache.slabsAllocated());
        assertSame(lent.get(BlockCache.SPARE_SLABS - 1), cache.borrowSlab());

        assertEquals(null, new BlockCache(99, 100).borrowSlab());
        assertThrows(IllegalArgumentException.class, () -> cache.adopt(hash(block(100, 4)), ByteBuffer.allocate(100)));
    }

    /**
     * Readers copying out of slabs, or holding views of them, while others' misses evict and refill them: a slab
     * reused under a reader would hand it another block's bytes. Every result is checked against its block.
     */
    @Test
    void aSlabIsNotReusedWhileAReaderCopiesOrHoldsIt() throws Exception {
        int size = 64 << 10;
        BlockCache cache = new BlockCache(3L * size, size);
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            blocks.add(block(size, 1000 + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                futures.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    for (int n = 0; n < 3000; n++) {
                        byte[] wanted = blocks.get(random.nextInt(blocks.size()));
                        int from = random.nextInt(size);
                        int to = from + random.nextInt(size - from + 1);
                        if (n % 2 == 0) {
                            ByteBuffer got = cache.read(hash(wanted), h -> wanted.clone(), from, to);
                            assertArrayEquals(Arrays.copyOfRange(wanted, from, to), bytes(got));
                        } else {
                            // a reply written from the slab: others evict and refill meanwhile
                            BlockView view = cache.view(hash(wanted), h -> wanted.clone(), from, to);
                            Thread.yield();
                            assertArrayEquals(Arrays.copyOfRange(wanted, from, to), bytes(view.bytes()));
                            view.release();
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> future : futures) {
                assertEquals(3000, future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(cache.slabsAllocated() <= 4 + THREADS, "slabs beyond the capacity are only those pinned at once");
        assertTrue(cache.heldBytes() <= 3L * size);
    }

    @Test
    void aLoaderFailurePropagatesUnchangedAndIsNotCached() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        BlockStoreException corrupt = new BlockStoreException(BlockStoreException.Kind.CORRUPT, "damaged");

        BlockStoreException thrown = assertThrows(BlockStoreException.class, () -> cache.get(hash(a), h -> {
            throw corrupt;
        }));
        assertSame(corrupt, thrown);
        assertEquals(0, cache.heldBytes());
        assertTrue(cache.peek(hash(a)).isEmpty());

        AtomicInteger loads = new AtomicInteger();
        assertArrayEquals(a, bytes(cache.get(hash(a), h -> {
            loads.incrementAndGet();
            return a;
        })));
        assertEquals(1, loads.get(), "the failure was not remembered: the next get loaded afresh");
        assertEquals(2, cache.misses());
        assertEquals(100, cache.heldBytes());
    }

    @Test
    void aLoaderReturningNullFailsAndCachesNothing() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        assertThrows(NullPointerException.class, () -> cache.get(hash(a), h -> null));
        assertEquals(0, cache.heldBytes());
        assertArrayEquals(a, bytes(cache.get(hash(a), h -> a)));
    }

    @Test
    void concurrentMissesShareOneLoad() throws Exception {
        for (long capacity : new long[] {0, 1000}) {
            BlockCache cache = new BlockCache(capacity);
            byte[] a = block(100, 1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger loads = new AtomicInteger();
            Function<BlockHash, byte[]> loader = h -> {
                loads.incrementAndGet();
                await(release);
                return a;
            };

            List<ByteBuffer> results = inParallel(cache, () -> cache.get(hash(a), loader), release);

            for (ByteBuffer result : results) {
                assertArrayEquals(a, bytes(result));
            }
            assertEquals(1, loads.get(), "one load for " + THREADS + " callers, capacity " + capacity);
            assertEquals(THREADS, cache.misses());
            assertEquals(capacity == 0 ? 0 : 100, cache.heldBytes());
        }
    }

    @Test
    void waitersGetTheSameFailureAndTheNextCallLoadsAfresh() throws Exception {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        BlockStoreException unavailable = new BlockStoreException(BlockStoreException.Kind.UNAVAILABLE, "S3 down");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        Function<BlockHash, byte[]> failing = h -> {
            loads.incrementAndGet();
            await(release);
            throw unavailable;
        };

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<ByteBuffer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(threads.submit(() -> cache.get(hash(a), failing)));
            }
            waitFor(() -> cache.misses() == THREADS);
            release.countDown();
            for (Future<ByteBuffer> future : futures) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
                assertSame(unavailable, e.getCause());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, loads.get());
        assertEquals(0, cache.heldBytes());

        assertArrayEquals(a, bytes(cache.get(hash(a), h -> a)));
        assertEquals(100, cache.heldBytes());
    }

    @Test
    void invalidateDropsTheBlock() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        byte[] b = block(200, 2);
        cache.put(hash(a), a);
        cache.put(hash(b), b);

        cache.invalidate(hash(a));
        cache.invalidate(hash(block(10, 3)));   // absent: nothing happens

        assertTrue(cache.peek(hash(a)).isEmpty());
        assertTrue(cache.peek(hash(b)).isPresent());
        assertEquals(200, cache.heldBytes());
        AtomicInteger loads = new AtomicInteger();
        cache.get(hash(a), h -> {
            loads.incrementAndGet();
            return a;
        });
        assertEquals(1, loads.get());
    }

    @Test
    void aLoadUnderWayWhenInvalidatedAnswersButIsNotKept() throws Exception {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<ByteBuffer> loading = thread.submit(() -> cache.get(hash(a), h -> {
                started.countDown();
                await(release);
                return a;
            }));
            await(started);
            cache.invalidate(hash(a));
            release.countDown();

            assertArrayEquals(a, bytes(loading.get(10, TimeUnit.SECONDS)));
        } finally {
            thread.shutdownNow();
        }
        assertTrue(cache.peek(hash(a)).isEmpty());
        assertEquals(0, cache.heldBytes());
    }

    @Test
    void peekNeitherLoadsNorCounts() {
        BlockCache cache = new BlockCache(1000);
        byte[] a = block(100, 1);
        assertEquals(Optional.empty(), cache.peek(hash(a)));
        cache.put(hash(a), a);
        assertArrayEquals(a, cache.peek(hash(a)).orElseThrow());
        assertEquals(0, cache.hits());
        assertEquals(0, cache.misses());
    }

    @Test
    void rejectsANegativeCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new BlockCache(-1));
    }

    /**
     * Runs {@code get} on {@link #THREADS} threads, waits until every one has missed (each has either started the
     * load or joined it), then opens {@code release} and collects the results.
     */
    private static List<ByteBuffer> inParallel(BlockCache cache, Callable<ByteBuffer> get,
            CountDownLatch release) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<ByteBuffer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(threads.submit(get));
            }
            waitFor(() -> cache.misses() == THREADS);
            release.countDown();
            List<ByteBuffer> results = new ArrayList<>();
            for (Future<ByteBuffer> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Spins until the condition holds; fails after ten seconds rather than hang. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not reached within ten seconds");
            }
            Thread.yield();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within ten seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] block(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static BlockHash hash(byte[] bytes) {
        return BlockHash.of(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void theCacheLeavesHeadroomInDirectMemory() {
        long mib = 1L << 20;
        assertEquals(1536 * mib, BlockCache.capacityWithinDirectMemory(1536 * mib, 2560 * mib, 1024 * mib),
                "the launcher's limit: the cache plus the headroom");
        assertEquals(1024 * mib, BlockCache.capacityWithinDirectMemory(1536 * mib, 2048 * mib, 1024 * mib),
                "a lower limit cuts the cache");
        assertEquals(256 * mib, BlockCache.capacityWithinDirectMemory(1536 * mib, 1024 * mib, 1024 * mib),
                "the JVM's default limit (the heap) still leaves a quarter of it");
        assertEquals(0, BlockCache.capacityWithinDirectMemory(0, 4096 * mib, 1024 * mib), "off stays off");
    }
}
