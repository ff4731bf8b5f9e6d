package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalGroupCommitTest {
    static final int THREADS = 8;
    static final int RECORDS_PER_THREAD = 250;
    static final int MAX_PAYLOAD = 16 << 10;
    static final JournalSettings SETTINGS = new JournalSettings(1 << 20, 256 << 20, MAX_PAYLOAD);

    @TempDir
    Path dir;

    @Test
    void concurrentSyncsShareForcesAndEachReturnsOnlyOnceItsRecordIsForced() throws Exception {
        InstrumentedChannel.Disk disk = new InstrumentedChannel.Disk();
        disk.forceDelayNanos = TimeUnit.MICROSECONDS.toNanos(500);   // a slow disk, whatever this one is
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try (Journal journal = Journal.open(dir, SETTINGS, disk.opener())) {
            runConcurrently(thread -> {
                for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                    long id = thread * 1_000_000L + i;
                    long sequence = journal.append(TestRecords.entry(id, MAX_PAYLOAD));
                    journal.sync(sequence);
                    SegmentChain.Stretch where = journal.locate(sequence);
                    long forcedEnd = disk.forcedEnd(where.segment().path());
                    assertTrue(forcedEnd >= where.end(), "record " + sequence + " ends at " + where.end()
                            + " but a completed force covered only " + forcedEnd);
                    ids.add(id);
                }
            });
            JournalStats stats = journal.stats();
            assertEquals(THREADS * RECORDS_PER_THREAD, stats.syncCalls());
            assertTrue(stats.forces() < stats.syncCalls(), "forces " + stats.forces() + " < syncs " + stats.syncCalls());
            assertEquals(stats.lastSequence(), stats.durableSequence());
        }
        assertAllPresentAfterReopen(ids);
    }

    @Test
    void interruptsDuringConcurrentAppendsAndSyncsHarmNothing() throws Exception {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<Thread> workers = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread interrupter = new Thread(() -> {
            while (running.get()) {
                List<Thread> targets;
                synchronized (workers) {
                    targets = List.copyOf(workers);
                }
                if (!targets.isEmpty()) {
                    targets.get(ThreadLocalRandom.current().nextInt(targets.size())).interrupt();
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        interrupter.start();
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            runConcurrently(thread -> {
                synchronized (workers) {
                    workers.add(Thread.currentThread());
                }
                for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                    long id = thread * 1_000_000L + i;
                    journal.sync(journal.append(TestRecords.entry(id, MAX_PAYLOAD)));
                    TestRecords.assertMatches(journal.read(journal.stats().firstSequence()).orElseThrow(), MAX_PAYLOAD);
                    ids.add(id);
                }
                synchronized (workers) {
                    workers.remove(Thread.currentThread());
                }
                Thread.interrupted();
            });
        } finally {
            running.set(false);
            interrupter.join();
        }
        assertAllPresentAfterReopen(ids);
    }

    private void assertAllPresentAfterReopen(Set<Long> ids) throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            long[] expected = {1};
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            journal.replay(0, record -> {
                assertEquals(expected[0]++, record.sequence(), "record order is sequence order");
                TestRecords.assertMatches(record, MAX_PAYLOAD);
                seen.add(record.inodeId());
            });
            assertEquals(ids, seen);
            assertEquals(THREADS * RECORDS_PER_THREAD, seen.size());
        }
    }

    @FunctionalInterface
    interface Work {
        void run(int thread) throws Exception;
    }

    private static void runConcurrently(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
