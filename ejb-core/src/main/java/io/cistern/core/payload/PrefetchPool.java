package io.cistern.core.payload;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run {@link ReadAhead}'s prefetches: a fixed pool whose threads come from the container's
 * {@code ManagedThreadFactory}, made once at start.
 * <p>
 * Why not the {@code ManagedExecutorService}: it captures the caller's context on every submit, and Payara's
 * capture looks up context providers through {@code ServiceLoader}, scanning the class path each time. A
 * sequential reader submits at every block boundary, on its request thread, and paid for that scan in its
 * latency. Threads from the factory carry the application's context from their creation, once.
 * <p>
 * The queue is bounded and a full one refuses (ReadAhead then drops the rest of that window): a prefetch is a
 * guess, and guesses that cannot start soon are worth nothing.
 */
public final class PrefetchPool implements Executor, AutoCloseable {
    /**
     * The server's pool size. A load is a store read plus a SHA-256 of 4 MiB: mostly CPU from the page cache, some
     * waiting from a disk or S3, so a thread or two more than the cores would not help the first and too many
     * hurt everyone else.
     */
    public static final int THREADS = 2;

    private static final int QUEUED_BLOCKS = 64;

    private final ThreadPoolExecutor executor;

    public PrefetchPool(int threads, ThreadFactory threadFactory) {
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_BLOCKS), threadFactory, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable prefetch) {
        executor.execute(prefetch);
    }

    /**
     * Drops what is queued and lets running prefetches finish (5 s at most) without interrupting them: an interrupt
     * would close the file channel a store read is using, for nothing but a log line.
     */
    @Override
    public void close() {
        executor.getQueue().clear();
        ExecutorShutdown.within(executor, 5, "prefetch threads still busy 5 s after shutdown; interrupting them");
    }
}
