package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockStoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadAheadTest {
    private static final int MIB = 1 << 20;
    private static final long BLOCK = JournalIndex.BLOCK_SIZE;
    private static final Executor SAME_THREAD = Runnable::run;
    private static final long FILE = 7;

    @Test
    void sequentialReadsAskForEachLaterBlockOnceInOrderBeforeTheReaderGetsThere() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        for (long offset = 0; offset < 40L * MIB; offset += MIB) {
            long block = offset / BLOCK;
            if (block > 0) {
                assertTrue(asked.contains(block), "block " + block + " asked for before the read at " + offset);
            }
            readAhead.onRead(FILE, offset, MIB, asked::add);
        }
        // the reads end in block 9, and the window is 8 blocks by then: blocks 1 to 17, each once, in order
        assertEquals(range(1, 17), asked);
        assertEquals(17, readAhead.prefetchesSubmitted());
    }

    @Test
    void theWindowGrowsFromOneBlockToTheMaximum() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), aheadAtEachBlock(8, 6));
        assertEquals(List.of(1L, 2L, 3L, 3L, 3L), aheadAtEachBlock(3, 5));
        assertEquals(List.of(1L, 1L, 1L), aheadAtEachBlock(1, 3));
    }

    @Test
    void randomReadsAskForNothing() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // consecutive reads land 37 or 214 blocks apart: never near the previous one
            long block = i * 37L % 251;
            readAhead.onRead(FILE, block * BLOCK + (i % 4) * MIB, MIB, asked::add);
        }
        assertEquals(List.of(), asked);
        assertEquals(0, readAhead.prefetchesSubmitted());
    }

    @Test
    void aRandomReadBeginsANewRun() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        readSequentially(readAhead, FILE, 0, 4 * BLOCK, asked::add);
        assertEquals(range(1, 11), asked);

        asked.clear();
        readAhead.onRead(FILE, 100 * BLOCK, MIB, asked::add);
        assertEquals(List.of(), asked, "the jump itself asks for nothing");
        readAhead.onRead(FILE, 100 * BLOCK + MIB, MIB, asked::add);
        assertEquals(List.of(101L), asked, "the new run starts again with a window of one");

        asked.clear();
        readAhead.onRead(FILE, 2 * BLOCK, MIB, asked::add);
        readAhead.onRead(FILE, 2 * BLOCK + MIB, MIB, asked::add);
        assertEquals(List.of(3L), asked, "a new run may ask again for what an old one did");
    }

    @Test
    void aReadTwoBlocksAwayIsRandom() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        readAhead.onRead(FILE, 0, MIB, asked::add);
        readAhead.onRead(FILE, MIB, MIB, asked::add);
        assertEquals(List.of(1L), asked);

        readAhead.onRead(FILE, 2 * BLOCK, MIB, asked::add);   // the run ended in block 0
        assertEquals(List.of(1L), asked);
        readAhead.onRead(FILE, 2 * BLOCK + MIB, MIB, asked::add);
        assertEquals(List.of(1L, 3L), asked, "a new run began at block 2");
    }

    @Test
    void interleavedFilesAreTrackedIndependently() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> askedA = new ArrayList<>();
        List<Long> askedB = new ArrayList<>();
        for (long offset = 0; offset < 40L * MIB; offset += MIB) {
            readAhead.onRead(1, offset, MIB, askedA::add);
            // the other file is read from its middle, in step with the first
            readAhead.onRead(2, 100 * BLOCK + offset, MIB, askedB::add);
        }
        assertEquals(range(1, 17), askedA);
        assertEquals(range(101, 117), askedB);
        assertEquals(34, readAhead.prefetchesSubmitted());
    }

    @Test
    void forgetsTheFileReadLeastRecentlyBeyondTheBound() {
        List<Long> forgotten = new ArrayList<>();
        ReadAhead one = new ReadAhead(1, 8, SAME_THREAD);
        one.onRead(1, 0, MIB, forgotten::add);
        one.onRead(1, MIB, MIB, forgotten::add);
        one.onRead(2, 0, MIB, b -> { });   // file 1 is forgotten
        one.onRead(1, BLOCK, MIB, forgotten::add);
        assertEquals(List.of(1L), forgotten, "the read after forgetting begins a new run");

        List<Long> kept = new ArrayList<>();
        ReadAhead two = new ReadAhead(2, 8, SAME_THREAD);
        two.onRead(1, 0, MIB, kept::add);
        two.onRead(1, MIB, MIB, kept::add);
        two.onRead(2, 0, MIB, b -> { });
        two.onRead(1, BLOCK, MIB, kept::add);
        assertEquals(List.of(1L, 2L, 3L), kept, "with room for both, file 1's run went on");
    }

    @Test
    void forgetsByRecencyNotByArrival() {
        ReadAhead readAhead = new ReadAhead(2, 8, SAME_THREAD);
        List<Long> askedA = new ArrayList<>();
        List<Long> askedB = new ArrayList<>();
        readAhead.onRead(1, 0, MIB, askedA::add);
        readAhead.onRead(2, 0, MIB, askedB::add);
        readAhead.onRead(1, MIB, MIB, askedA::add);   // file 1 is now the more recent
        readAhead.onRead(3, 0, MIB, b -> { });        // so file 2 goes

        readAhead.onRead(1, 2 * MIB, MIB, askedA::add);
        readAhead.onRead(1, BLOCK, MIB, askedA::add);
        readAhead.onRead(2, MIB, MIB, askedB::add);
        assertEquals(List.of(1L, 2L, 3L), askedA);
        assertEquals(List.of(), askedB, "file 2 was forgotten: its read began a new run");
    }

    @Test
    void readsArrivingSlightlyOutOfOrderStillCountAsSequential() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        readAhead.onRead(FILE, 0, MIB, asked::add);
        readAhead.onRead(FILE, 2L * MIB, MIB, asked::add);   // a little past the end
        assertEquals(List.of(1L), asked);
        readAhead.onRead(FILE, MIB, MIB, asked::add);        // behind: a straggler asks for nothing
        readAhead.onRead(FILE, 3L * MIB, MIB, asked::add);
        assertEquals(List.of(1L), asked);
        readAhead.onRead(FILE, 5L * MIB, MIB, asked::add);   // into block 1, skipping its first MiB
        assertEquals(List.of(1L, 2L, 3L), asked);
        readAhead.onRead(FILE, 4L * MIB, MIB, asked::add);
        readAhead.onRead(FILE, 3L * MIB, MIB, asked::add);   // a block behind the furthest read
        readAhead.onRead(FILE, 6L * MIB, MIB, asked::add);
        assertEquals(List.of(1L, 2L, 3L), asked, "the run survived and asked for nothing twice");
        readAhead.onRead(FILE, 8L * MIB, MIB, asked::add);
        assertEquals(range(1, 6), asked);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shuffledBatchesOfParallelReadsAskForEachBlockOnceInOrder(long seed) {
        Random random = new Random(seed);
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (long offset = 0; offset < 40L * MIB; offset += MIB) {
            offsets.add(offset);
        }
        // batches of three 1 MiB reads, as an NFS client sends them, each batch arriving in any order
        for (int start = 0; start < offsets.size(); start += 3) {
            List<Long> batch = new ArrayList<>(offsets.subList(start, Math.min(start + 3, offsets.size())));
            Collections.shuffle(batch, random);
            for (long offset : batch) {
                long block = offset / BLOCK;
                if (block >= 2) {
                    assertTrue(asked.contains(block), "block " + block + " asked for before the read at " + offset);
                }
                readAhead.onRead(FILE, offset, MIB, asked::add);
            }
        }
        // Block 1 is asked for unless the first batch arrived so that a read of block 1 came before the run
        // had two reads going forward: the reader is in block 1 by then and reads it itself.
        long first = asked.get(0);
        assertTrue(first == 1 || first == 2, "the first block asked for: " + asked);
        long last = asked.get(asked.size() - 1);
        assertEquals(range(first, last), asked, "each block once, in order, none skipped");
        assertTrue(last >= 10 && last <= 17, "ahead of the last block read, by at most the window: " + asked);
    }

    @Test
    void aThrowingPrefetchDoesNotPropagate() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        AtomicInteger calls = new AtomicInteger();
        LongConsumer failing = block -> {
            calls.incrementAndGet();
            throw new BlockStoreException(BlockStoreException.Kind.UNAVAILABLE, "S3 down");
        };
        assertDoesNotThrow(() -> readSequentially(readAhead, FILE, 0, 40L * MIB, failing));
        assertEquals(17, calls.get(), "every prefetch was still tried");
        assertEquals(17, readAhead.prefetchesSubmitted());
    }

    @Test
    void prefetchesRunOnTheExecutorNotInTheRead() {
        List<Runnable> queued = new ArrayList<>();
        ReadAhead readAhead = new ReadAhead(16, 8, queued::add);
        List<Long> asked = new ArrayList<>();
        readSequentially(readAhead, FILE, 0, 3 * BLOCK, asked::add);

        assertEquals(List.of(), asked, "nothing ran yet");
        assertEquals(queued.size(), readAhead.prefetchesSubmitted());
        queued.forEach(Runnable::run);
        assertEquals(range(1, 6), asked, "one task per block");
        assertEquals(6, queued.size());
    }

    @Test
    void aRefusingExecutorDoesNotPropagate() {
        ReadAhead readAhead = new ReadAhead(16, 8, task -> {
            throw new RejectedExecutionException("shut down");
        });
        List<Long> asked = new ArrayList<>();
        assertDoesNotThrow(() -> readSequentially(readAhead, FILE, 0, 40L * MIB, asked::add));
        assertEquals(List.of(), asked);
        assertEquals(0, readAhead.prefetchesSubmitted());
    }

    @Test
    void rejectsBadArguments() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        LongConsumer none = block -> { };
        assertThrows(IllegalArgumentException.class, () -> readAhead.onRead(FILE, -1, MIB, none));
        assertThrows(IllegalArgumentException.class, () -> readAhead.onRead(FILE, 0, -1, none));
        assertThrows(IllegalArgumentException.class, () -> readAhead.onRead(FILE, Long.MAX_VALUE, 1, none));
        assertThrows(IllegalArgumentException.class, () -> new ReadAhead(0, 8, SAME_THREAD));
        assertThrows(IllegalArgumentException.class, () -> new ReadAhead(16, 0, SAME_THREAD));
        assertThrows(NullPointerException.class, () -> new ReadAhead(16, 8, null));
    }

    @Test
    void emptyReadsAreIgnored() {
        ReadAhead readAhead = new ReadAhead(16, 8, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        readAhead.onRead(FILE, 0, MIB, asked::add);
        readAhead.onRead(FILE, 50 * BLOCK, 0, asked::add);   // would be random, were it a read
        readAhead.onRead(FILE, MIB, MIB, asked::add);
        assertEquals(List.of(1L), asked);
    }

    /**
     * Reads 1 MiB at a time from the start and, at the first read into each block, how far past it the furthest
     * block asked for is: the window of that prefetch.
     */
    private static List<Long> aheadAtEachBlock(int windowBlocks, int blocks) {
        ReadAhead readAhead = new ReadAhead(16, windowBlocks, SAME_THREAD);
        List<Long> asked = new ArrayList<>();
        List<Long> ahead = new ArrayList<>();
        readAhead.onRead(FILE, 0, MIB, asked::add);
        for (long offset = MIB; offset < blocks * BLOCK; offset += MIB) {
            readAhead.onRead(FILE, offset, MIB, asked::add);
            long block = offset / BLOCK;
            if (offset == MIB || offset % BLOCK == 0) {
                ahead.add(asked.get(asked.size() - 1) - block);
            }
        }
        return ahead;
    }

    private static void readSequentially(ReadAhead readAhead, long inode, long from, long to, LongConsumer prefetch) {
        for (long offset = from; offset < to; offset += MIB) {
            readAhead.onRead(inode, offset, MIB, prefetch);
        }
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
