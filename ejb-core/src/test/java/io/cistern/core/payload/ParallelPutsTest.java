package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelPutsTest {
    private final ParallelPuts puts = new ParallelPuts(4, Executors.defaultThreadFactory());

    @AfterEach
    void close() {
        puts.close();
    }

    @Test
    void fourPutsRunAtOnce() {
        CountDownLatch allStarted = new CountDownLatch(4);
        AtomicInteger met = new AtomicInteger();
        List<Runnable> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(() -> {
                allStarted.countDown();
                if (await(allStarted)) {
                    met.incrementAndGet();
                }
            });
        }

        puts.runAll(four);

        assertEquals(4, met.get(), "each put saw the other three running beside it");
    }

    @Test
    void everyPutRunsOnceAndNoMoreThanFourAtATime() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Runnable> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int put = i;
            many.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(2);
                assertTrue(ran.add(put), "put " + put + " ran twice");
                running.decrementAndGet();
            });
        }

        puts.runAll(many);

        assertEquals(50, ran.size());
        assertTrue(most.get() <= 4 && most.get() >= 2, "at most four at once, and more than one: " + most.get());
        assertEquals(0, running.get(), "none still running once runAll returned");
    }

    @Test
    void theFirstFailureIsThrownOnceEveryStartedPutHasEndedAndNoFurtherPutStarts() {
        IllegalStateException storeDown = new IllegalStateException("the store is unreachable");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        List<Runnable> many = new ArrayList<>();
        many.add(() -> {
            started.incrementAndGet();
            throw storeDown;
        });
        for (int i = 0; i < 40; i++) {
            many.add(() -> {
                started.incrementAndGet();
                running.incrementAndGet();
                sleep(20);
                running.decrementAndGet();
            });
        }

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> puts.runAll(many));

        assertSame(storeDown, thrown);
        assertEquals(0, running.get(), "a put still running when the failure was thrown");
        assertTrue(started.get() <= 8, "puts went on starting after the failure: " + started.get());
    }

    @Test
    void anInterruptedCallerStillWaitsForTheOtherPutsAndKeepsItsInterrupt() {
        AtomicInteger running = new AtomicInteger();
        Thread caller = Thread.currentThread();
        List<Runnable> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(() -> {
                running.incrementAndGet();
                if (Thread.currentThread() == caller) {
                    caller.interrupt();
                } else {
                    sleep(100);
                }
                running.decrementAndGet();
            });
        }

        puts.runAll(four);

        assertTrue(Thread.interrupted(), "the caller's interrupt is kept (and cleared here)");
        assertEquals(0, running.get(), "runAll returned while a put was running");
    }

    @Test
    void aSinglePutRunsOnTheCallersThread() {
        Thread[] ranOn = new Thread[1];

        puts.runAll(List.of(() -> ranOn[0] = Thread.currentThread()));

        assertSame(Thread.currentThread(), ranOn[0]);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
