package io.cistern.core.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the block puts of one upload chunk a few at a time: the caller takes a share and a small fixed pool (threads
 * from the container's {@code ManagedThreadFactory}, as {@link PrefetchPool}'s) the rest.
 * <p>
 * Why: a put is mostly waiting. On a local disk it is a write and two fsyncs (the file, then its directory): 8 to
 * 18 ms per 4 MiB block one after another on this project's machine and 4 to 5 ms each with four at once, since
 * the disk and ext4's journal commit concurrent fsyncs together. On S3 it is a round trip plus the transfer of one
 * connection. One put at a time held the upload to a fraction of what either store takes.
 * <p>
 * {@link #runAll} returns only once every put it started has ended, failed or not, also when the caller is
 * interrupted: a put may be reading a cache slab that the chunk gives back when it rolls back, and a slab reused
 * under a running put would store another block's bytes under this block's hash.
 */
public final class ParallelPuts implements AutoCloseable {
    /** Puts at once: the pool's threads and the caller. Four full blocks make a chunk (see the upload job). */
    public static final int AT_ONCE = 4;

    private final ThreadPoolExecutor executor;
    private final int lanes;

    /** {@code atOnce - 1} pool threads (at least one); with {@code atOnce} 1, every put runs on the caller. */
    public ParallelPuts(int atOnce, ThreadFactory threadFactory) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one put at a time: " + atOnce);
        }
        int threads = Math.max(1, atOnce - 1);
        // unbounded, but never long: one uploader at a time queues at most atOnce - 1 lanes
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threadFactory);
        lanes = atOnce;
    }

    /**
     * Runs every put, up to the number at once this was made with; once one fails no further one starts. Rethrows
     * the first failure, as it was thrown, after all that started have ended.
     */
    public void runAll(List<Runnable> puts) {
        if (puts.size() <= 1 || lanes == 1) {
            puts.forEach(Runnable::run);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable lane = () -> {
            for (int i = next.getAndIncrement(); i < puts.size() && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    puts.get(i).run();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(lanes, puts.size()); i++) {
            try {
                helpers.add(executor.submit(lane));
            } catch (RejectedExecutionException closed) {
                break;   // shutting down: the caller's lane does the rest
            }
        }
        lane.run();
        awaitUninterruptibly(helpers, failure);
        Throwable first = failure.get();
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }

    private static void awaitUninterruptibly(List<Future<?>> helpers, AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    // a lane catches what its puts throw, so this is the pool itself failing
                    failure.compareAndSet(null, new IllegalStateException("a put lane failed", e.getCause()));
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets running puts finish (their callers wait for them); 30 s at most, then interrupts them. */
    @Override
    public void close() {
        ExecutorShutdown.within(executor, 30, "block puts still running 30 s after shutdown; interrupting them");
    }
}
