package io.cistern.core.locks;

import static io.cistern.core.locks.CellModel.FREE;
import static io.cistern.core.locks.CellModel.assertNoConflicts;
import static io.cistern.core.locks.CellModel.assertOwnLocks;
import static io.cistern.core.locks.LockFixtures.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Eight owners, one thread each, lock, wait, cancel, test and unlock at random on two files, while another thread
 * keeps taking snapshots. At no snapshot may two conflicting locks be held, and after each of its own operations an
 * owner's locks must be exactly what its per-byte reference says: only it and the grants it waits for change them.
 */
class LockConcurrencyTest {
    private static final int OWNERS = 8;
    private static final int OPERATIONS = 4000;
    private static final long[] FILES = {1, 2};
    private static final long GRANT_TIMEOUT_SECONDS = 30;

    private final LockManager locks = LockFixtures.manager();
    private final AtomicLong blocked = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();

    @Test
    @Timeout(180)
    void conflictingLocksAreNeverHeldAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(OWNERS + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> checker = threads.submit(() -> {
                while (running.get()) {
                    for (long file : FILES) {
                        assertNoConflicts(locks.held(file));
                        snapshots.incrementAndGet();
                    }
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < OWNERS; i++) {
                LockOwner owner = owner("host" + i % 3, 100 + i);
                long seed = 1000 + i;
                workers.add(threads.submit(() -> {
                    start.await();
                    new Worker(owner, new Random(seed)).run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(150, TimeUnit.SECONDS);
            }
            running.set(false);
            checker.get(10, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
        assertEquals(0, locks.trackedFiles());
        assertTrue(blocked.get() > 0, "no request ever had to wait");
        assertTrue(deadlocks.get() > 0, "no request was ever refused as a deadlock");
        assertTrue(withdrawn.get() > 0, "no queued request was ever cancelled");
        assertTrue(snapshots.get() > 0, "the checker never looked");
    }

    /** One owner's random work, with its reference state per file. */
    private final class Worker {
        private final LockOwner owner;
        private final Random random;
        private final byte[][] model = {CellModel.empty(), CellModel.empty()};

        Worker(LockOwner owner, Random random) {
            this.owner = owner;
            this.random = random;
        }

        void run() throws Exception {
            for (int i = 0; i < OPERATIONS; i++) {
                int fileIndex = random.nextInt(FILES.length);
                long file = FILES[fileIndex];
                RangeLock request = new RangeLock(owner, CellModel.randomRange(random), random.nextInt(3) == 0);
                int choice = random.nextInt(100);
                if (choice < 40) {
                    if (locks.tryLock(file, request, false) == LockStatus.GRANTED) {
                        take(fileIndex, request);
                    }
                } else if (choice < 55) {
                    waitFor(fileIndex, request);
                } else if (choice < 85) {
                    assertEquals(LockStatus.GRANTED, locks.unlock(file, owner, request.range()));
                    CellModel.apply(model[fileIndex], request.range(), FREE);
                } else {
                    LockTestResult result = locks.test(file, request);
                    assertTrue(result.status() == LockStatus.GRANTED || result.holder().conflictsWith(request));
                }
                check(fileIndex);
            }
            for (int f = 0; f < FILES.length; f++) {
                locks.unlock(FILES[f], owner, ByteRange.whole());
                model[f] = CellModel.empty();
                check(f);
            }
        }

        /** Waits for the grant, or gives up and cancels; a cancel that finds nothing means it was granted. */
        private void waitFor(int fileIndex, RangeLock request) throws Exception {
            long file = FILES[fileIndex];
            CompletableFuture<RangeLock> grant = new CompletableFuture<>();
            LockStatus status = locks.lockOrWait(file, request, false, grant::complete);
            if (status == LockStatus.GRANTED) {
                take(fileIndex, request);
                return;
            }
            if (status != LockStatus.BLOCKED) {
                assertEquals(LockStatus.DEADLOCK, status);
                deadlocks.incrementAndGet();
                return;
            }
            blocked.incrementAndGet();
            if (random.nextBoolean()) {
                Thread.onSpinWait();
                if (locks.cancel(file, request) == LockStatus.GRANTED) {
                    assertFalse(grant.isDone(), "a withdrawn request was granted");
                    withdrawn.incrementAndGet();
                    return;
                }
            }
            assertEquals(request, grant.get(GRANT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            take(fileIndex, request);
        }

        private void take(int fileIndex, RangeLock request) {
            CellModel.apply(model[fileIndex], request.range(), CellModel.kind(request.exclusive()));
        }

        private void check(int fileIndex) {
            List<RangeLock> held = locks.held(FILES[fileIndex]);
            assertNoConflicts(held);
            assertOwnLocks(model[fileIndex], held, owner);
        }
    }
}
