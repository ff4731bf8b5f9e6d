package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWritebackTest {
    private static final int PAYLOAD = 64 << 10;
    private static final int RECORD = RecordFormat.HEADER_BYTES + PAYLOAD;
    /** Three records stay under it, the fourth crosses it. */
    private static final long THRESHOLD = 4L * PAYLOAD;
    private static final JournalSettings SETTINGS = new JournalSettings(64L << 20, 256L << 20, 1 << 20);

    @TempDir
    Path dir;

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory factory = task -> {
        Thread thread = new Thread(task, "journal-writeback-test");
        threads.add(thread);
        return thread;
    };

    @Test
    void recordsAreSyncedInTheBackgroundOnceThresholdBytesWaitAndNotBefore() throws Exception {
        InstrumentedChannel.Disk disk = new InstrumentedChannel.Disk();
        try (Journal journal = Journal.open(dir, SETTINGS, disk.opener());
             JournalWriteback ignored = JournalWriteback.start(journal, THRESHOLD, factory)) {
            for (long id = 1; id <= 3; id++) {
                journal.append(JournalEntry.write(id, 0, ByteBuffer.allocate(PAYLOAD)));
            }
            TimeUnit.MILLISECONDS.sleep(200);
            assertEquals(0, journal.stats().forces(), "3 records, " + 3 * RECORD + " bytes, are under the threshold");
            assertEquals(0, journal.stats().durableSequence());

            long fourth = journal.append(JournalEntry.write(4, 0, ByteBuffer.allocate(PAYLOAD)));
            assertTrue(eventually(() -> journal.stats().durableSequence() == fourth),
                    "durable through " + journal.stats().durableSequence() + ", not " + fourth + ", without a sync");
            SegmentChain.Stretch where = journal.locate(fourth);
            assertTrue(disk.forcedEnd(where.segment().path()) >= where.end(), "a completed force covers record 4");
            assertEquals(0, journal.unforcedBytes());
        }
    }

    @Test
    void aSegmentIsSealedWithLittleLeftToForce() throws Exception {
        JournalSettings small = new JournalSettings(16L * RECORD, 256L << 20, 1 << 20);
        try (Journal journal = Journal.open(dir, small);
             JournalWriteback ignored = JournalWriteback.start(journal, THRESHOLD, factory)) {
            long last = 0;
            for (long id = 1; id <= 40; id++) {
                last = journal.append(JournalEntry.write(id, 0, ByteBuffer.allocate(PAYLOAD)));
                long through = last;
                // like a client that waits for each answer: the background sync keeps up between writes
                assertTrue(eventually(() -> journal.unforcedBytes() < THRESHOLD), "record " + through);
            }
            long sealedThrough = last;
            assertTrue(eventually(() -> journal.stats().durableSequence() >= sealedThrough - 3));
            assertTrue(journal.stats().segments() >= 3, "segments were sealed: " + journal.stats().segments());
        }
    }

    @Test
    void closeStopsTheThreadAndLaterAppendsAreNotSynced() throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            JournalWriteback writeback = JournalWriteback.start(journal, THRESHOLD, factory);
            writeback.close();
            assertFalse(threads.get(0).isAlive());
            for (long id = 1; id <= 8; id++) {
                journal.append(JournalEntry.write(id, 0, ByteBuffer.allocate(PAYLOAD)));
            }
            TimeUnit.MILLISECONDS.sleep(200);
            assertEquals(0, journal.stats().forces());
            assertEquals(8L * RECORD, journal.unforcedBytes());
        }
    }

    @Test
    void aFailedSyncEndsTheThreadAndTheWritersHearOfIt() throws Exception {
        InstrumentedChannel.Disk disk = new InstrumentedChannel.Disk();
        disk.failForces = true;
        try (Journal journal = Journal.open(dir, SETTINGS, disk.opener());
             JournalWriteback ignored = JournalWriteback.start(journal, THRESHOLD, factory)) {
            for (long id = 1; id <= 4; id++) {
                journal.append(JournalEntry.write(id, 0, ByteBuffer.allocate(PAYLOAD)));
            }
            assertTrue(eventually(() -> !threads.get(0).isAlive()), "the thread ends after the failed sync");
            IOException refused = assertThrows(IOException.class,
                    () -> journal.append(JournalEntry.write(5, 0, ByteBuffer.allocate(PAYLOAD))));
            assertTrue(refused.getMessage().contains("fdatasync"), refused.getMessage());
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return condition.getAsBoolean();
    }
}
