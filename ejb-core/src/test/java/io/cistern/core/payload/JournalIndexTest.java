package io.cistern.core.payload;

import static io.cistern.core.payload.Harness.BLOCK;
import static io.cistern.core.payload.Harness.INODE;
import static io.cistern.core.payload.Harness.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.RecordKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JournalIndexTest {
    private final Harness h = new Harness();

    @Test
    void aWriteAcrossABlockBoundaryBecomesTwoExtents() {
        h.add(h.write(BLOCK - 10, filled(30, 1)));

        assertEquals(List.of(new JournalExtent(1, BLOCK - 10, 10, 0)), h.index.extents(INODE, 0));
        assertEquals(List.of(new JournalExtent(1, 0, 20, 10)), h.index.extents(INODE, 1));
        assertEquals(BLOCK + 20, h.index.size(INODE));
    }

    @Test
    void extentsAreInSequenceOrderWhateverTheOrderOfAdds() {
        JournalRecord first = h.write(0, filled(10, 1));
        JournalRecord second = h.write(5, filled(10, 2));
        JournalRecord third = h.write(2, filled(3, 3));
        h.add(third);
        h.add(first);
        h.add(second);

        assertEquals(List.of(1L, 2L, 3L), h.index.extents(INODE, 0).stream().map(JournalExtent::sequence).toList());
    }

    @Test
    void sizeFollowsWritesAndTheLastTruncation() {
        h.add(h.write(0, filled(100, 1)));
        assertEquals(100, h.index.size(INODE));
        assertEquals(1000, h.index.size(INODE, 1000), "writes only extend a stored file");

        h.add(h.truncate(10));
        assertEquals(10, h.index.size(INODE));
        assertEquals(10, h.index.size(INODE, 1000), "a truncation overrides the stored size");

        h.add(h.write(50, filled(10, 2)));
        assertEquals(60, h.index.size(INODE));
        h.add(h.truncate(5 * BLOCK));
        assertEquals(5 * BLOCK, h.index.size(INODE), "a truncation may extend");
        assertEquals(0, h.index.size(7), "unknown file");
    }

    @Test
    void aTruncationPrunesOlderBytesBeyondItAndClipsOlderWritesAddedLate() {
        JournalRecord early = h.write(BLOCK - 100, filled(300, 1));   // seq 1, spans blocks 0 and 1
        h.add(h.write(0, filled(10, 2)));                               // seq 2
        h.add(h.truncate(BLOCK - 50));                                  // seq 3
        h.add(early);                                                   // late: only its first 50 bytes survive

        assertEquals(List.of(new JournalExtent(1, BLOCK - 100, 50, 0), new JournalExtent(2, 0, 10, 0)),
                h.index.extents(INODE, 0));
        assertEquals(List.of(), h.index.extents(INODE, 1));
        assertEquals(BLOCK - 50, h.index.size(INODE));
    }

    @Test
    void dirtyBlocksWaitForEveryEarlierRecordToBeAdded() {
        JournalRecord one = h.write(0, filled(10, 1));
        JournalRecord two = h.write(BLOCK, filled(10, 2));
        JournalRecord three = h.write(5, filled(10, 3));
        h.add(one);
        h.add(three);
        assertEquals(List.of(new DirtyBlock(INODE, 0, 1, 10)), h.index.dirtyBlocks(), "record 3 (bytes 5 to 15) is not added through");
        assertEquals(1, h.index.addedThrough());

        h.add(two);
        assertEquals(3, h.index.addedThrough());
        assertEquals(List.of(new DirtyBlock(INODE, 0, 3, 15), new DirtyBlock(INODE, 1, 2, 10)), sorted(h.index.dirtyBlocks()));
    }

    @Test
    void aPendingTruncationComesBeforeTheFilesDirtyBlocks() {
        h.add(h.write(0, filled(10, 1)));
        h.add(h.truncate(3 * BLOCK + 7));
        h.add(h.write(2 * BLOCK, filled(10, 2)));
        h.add(h.truncate(BLOCK + 1));

        assertEquals(List.of(), h.index.dirtyBlocks());
        PendingTruncation pending = h.index.pendingTruncations().get(0);
        assertEquals(new PendingTruncation(INODE, BLOCK + 1, BLOCK + 1, 4), pending);
        assertEquals(2, pending.firstBlockToUnmap());
        assertTrue(pending.cutsABlock());
        assertEquals(1, pending.cutBlock());

        h.index.forgetTruncations(INODE, 4);
        assertEquals(List.of(new DirtyBlock(INODE, 0, 1, 10)), h.index.dirtyBlocks(), "block 2's write was cut off");
    }

    @Test
    void forgettingMovesTheReleasePoint() {
        h.add(h.write(0, filled(10, 1)));          // 1, block 0
        h.add(h.write(BLOCK, filled(10, 2)));      // 2, block 1
        h.add(h.write(5, filled(10, 3)));          // 3, block 0
        assertEquals(0, h.index.releasableThrough());
        assertEquals(1, h.index.lowestLiveSequence());

        h.index.forget(INODE, 0, 1);               // as if block 0 was sealed with only record 1
        assertEquals(List.of(3L), h.index.extents(INODE, 0).stream().map(JournalExtent::sequence).toList());
        assertEquals(1, h.index.releasableThrough());

        h.index.forget(INODE, 1, 2);
        assertEquals(2, h.index.releasableThrough());
        h.index.forget(INODE, 0, 3);
        assertEquals(3, h.index.releasableThrough());
        assertEquals(4, h.index.lowestLiveSequence());
        assertEquals(List.of(), h.index.dirtyBlocks());
    }

    @Test
    void nothingIsForgottenOrReleasedPastARecordNotYetAdded() {
        JournalRecord one = h.write(0, filled(10, 1));
        h.add(h.write(0, filled(10, 2)));           // 2 arrives before 1
        assertEquals(0, h.index.releasableThrough());

        h.index.forget(INODE, 0, 2);               // an uploader that went too far is held back
        assertEquals(1, h.index.extents(INODE, 0).size());
        h.add(one);
        assertEquals(List.of(1L, 2L), h.index.extents(INODE, 0).stream().map(JournalExtent::sequence).toList());
        assertEquals(0, h.index.releasableThrough());
    }

    @Test
    void manyWritersAndAReader() throws Exception {
        int writers = 8;
        int perWriter = 300;
        AtomicLong sequences = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perWriter; i++) {
                    // each writer owns a 1000-byte stripe, some of them across a block boundary
                    long offset = BLOCK - 4000 + writer * 1000L;
                    byte[] data = filled(1000, writer * 31 + i);
                    long sequence;
                    synchronized (h) {   // the journal hands out sequences; adds then race
                        sequence = sequences.incrementAndGet();
                        h.payloads.put(sequence, ByteBuffer.wrap(data));
                    }
                    h.index.add(new JournalRecord(sequence, RecordKind.WRITE, INODE, offset, ByteBuffer.wrap(data)));
                }
                return null;
            }));
        }
        Future<?> reader = pool.submit(() -> {
            start.await();
            while (!done.get()) {
                for (long b = 0; b <= 1; b++) {
                    List<Long> seqs = h.index.extents(INODE, b).stream().map(JournalExtent::sequence).toList();
                    assertEquals(seqs.stream().sorted().toList(), seqs);
                    h.assembler.assemble(INODE, b, BLOCK + 4000, (from, to) -> null);
                }
                h.index.dirtyBlocks();
                h.index.releasableThrough();
            }
            return null;
        });
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        done.set(true);
        reader.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(writers * perWriter, h.index.addedThrough());
        byte[] block0 = h.assembler.assemble(INODE, 0, BLOCK + 4000, (from, to) -> null);
        byte[] block1 = h.assembler.assemble(INODE, 1, BLOCK + 4000, (from, to) -> null);
        for (int writer = 0; writer < writers; writer++) {
            byte last = (byte) (writer * 31 + perWriter - 1);   // each writer's last write wins in its stripe
            long offset = BLOCK - 4000 + writer * 1000L;
            for (long at = offset; at < offset + 1000; at += 111) {
                byte actual = at < BLOCK ? block0[(int) at] : block1[(int) (at - BLOCK)];
                assertEquals(last, actual, "writer " + writer + " at " + at);
            }
        }
        assertArrayEquals(new byte[BLOCK - 4000], java.util.Arrays.copyOf(block0, BLOCK - 4000));
    }

    private static List<DirtyBlock> sorted(List<DirtyBlock> blocks) {
        return blocks.stream().sorted(java.util.Comparator.comparingLong(DirtyBlock::blockIndex)).toList();
    }
}
