package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetchPoolTest {

    @Test
    void runsPrefetchesOnItsThreadsAndRefusesWhenItsQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocked = () -> {
            try {
                release.await();
                ran.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (PrefetchPool pool = new PrefetchPool(2, Executors.defaultThreadFactory())) {
            int accepted = 0;
            try {
                for (int i = 0; i < 1000; i++) {
                    pool.execute(blocked);
                    accepted++;
                }
            } catch (RejectedExecutionException expected) {
                // ReadAhead drops the rest of its window on this
            }
            assertTrue(accepted >= 2 && accepted < 1000, "a bounded queue, not an endless one: " + accepted);
            release.countDown();
            CountDownLatch last = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    pool.execute(last::countDown);
                    break;
                } catch (RejectedExecutionException stillFull) {
                    assertTrue(System.nanoTime() < deadline, "the queue never drained");
                    Thread.sleep(1);
                }
            }
            assertTrue(last.await(10, TimeUnit.SECONDS));
            while (ran.get() < accepted && System.nanoTime() < deadline) {
                Thread.sleep(1);   // the other thread may still be finishing its last one
            }
            assertEquals(accepted, ran.get(), "every accepted prefetch ran");
        }
    }

    @Test
    void refusesEverythingOnceClosed() {
        PrefetchPool pool = new PrefetchPool(1, Executors.defaultThreadFactory());
        pool.close();
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }
}
