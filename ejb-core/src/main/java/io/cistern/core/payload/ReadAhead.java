package io.cistern.core.payload;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks for the next blocks of a file while a client reads it from start to end, so that its reads find them in the
 * {@link BlockCache} instead of waiting for the store (tens of milliseconds a block on S3) each time they cross
 * into the next 4 MiB. An NFS client reads 1 MiB at a time at most and waits for its batch before the next: without
 * this, the store's latency shows up at every block boundary of a streamed file.
 * <p>
 * <b>Sequential.</b> A run of a file begins with any read, which asks for nothing: one read says nothing about the
 * next. A later read continues the run when it starts in the block where the run's furthest read ended, or in the
 * one before or after it. That tolerance is for parallel reads: a client sends several at once and they arrive out
 * of order, so a read may start a little past the end or a little behind it. Any other read is random: it asks for
 * nothing and begins a new run. Reads that do not go past the run's furthest byte (stragglers of a batch) ask for
 * nothing either.
 * <p>
 * <b>Window.</b> Each time a run's reads first reach into a block, the blocks up to {@code window} past it are asked
 * for, minus those the run asked for already, so each block is asked for at most once a run and the prefetch stays
 * a window ahead of the reader. As with Linux readahead the window starts small and grows while the run lasts: 1
 * block at the first prefetch, then doubling with each further block the reads reach (2, 4, 8...) up to
 * {@code windowBlocks}. A short sequential read costs one extra block, a long one gets the whole window.
 * <p>
 * <b>Prefetch.</b> Each block asked for is one task on the executor that calls the caller's {@code prefetchBlock}
 * with the block index; what that does (find the block's hash, load it into the cache) is up to the caller. Sizes
 * are not known here, so indexes past the end of the file are asked for too: the callback must skip them. A task
 * that throws is logged at FINE and forgotten: a prefetch is only a guess, the read itself reports real failures.
 * If the executor refuses a task, the rest of that window is dropped (and not asked for again in the run).
 * <p>
 * At most {@code maxTrackedFiles} runs are kept; the file read least recently is forgotten first, and its next read
 * begins a new run. Thread-safe: one lock guards the runs and is not held while submitting.
 */
public final class ReadAhead {
    private static final Logger LOG = Logger.getLogger(ReadAhead.class.getName());
    private static final long BLOCK = JournalIndex.BLOCK_SIZE;

    private final int maxTrackedFiles;
    private final int windowBlocks;
    private final Executor executor;
    /** Guarded by this. In access order: the file read least recently comes first. */
    private final LinkedHashMap<Long, Run> runs = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong prefetchesSubmitted = new AtomicLong();

    public ReadAhead(int maxTrackedFiles, int windowBlocks, Executor executor) {
        if (maxTrackedFiles < 1) {
            throw new IllegalArgumentException("must track at least one file, not " + maxTrackedFiles);
        }
        if (windowBlocks < 1) {
            throw new IllegalArgumentException("the window must be at least one block, not " + windowBlocks);
        }
        this.maxTrackedFiles = maxTrackedFiles;
        this.windowBlocks = windowBlocks;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Takes in a read of {@code length} bytes from {@code offset} of file {@code inodeId}, and submits the prefetches
     * it calls for. Call it after each read, whether or not it was served from the cache.
     */
    public void onRead(long inodeId, long offset, int length, LongConsumer prefetchBlock) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad read range: " + length + " bytes from " + offset);
        }
        Objects.requireNonNull(prefetchBlock, "prefetchBlock");
        if (length == 0) {
            return;
        }
        long end = offset + length;
        long first;
        long last;
        synchronized (this) {
            Run run = runs.get(inodeId);
            if (run == null) {
                track(inodeId, new Run(end));
                return;
            }
            if (!run.continuedBy(offset)) {
                run.restart(end);
                return;
            }
            long reached = blockOf(end - 1);
            if (end <= run.end || reached <= run.triggeredThrough) {
                run.end = Math.max(run.end, end);
                return;
            }
            run.end = end;
            run.triggeredThrough = reached;
            run.window = run.window == 0 ? 1 : (int) Math.min(2L * run.window, windowBlocks);
            first = Math.max(run.askedThrough, reached) + 1;
            last = reached + run.window;
            if (first > last) {
                return;
            }
            run.askedThrough = last;
        }
        submit(inodeId, first, last, prefetchBlock);
    }

    /** How many prefetch tasks the executor accepted, since this was made. */
    public long prefetchesSubmitted() {
        return prefetchesSubmitted.get();
    }

    /** Guarded by this. */
    private void track(long inodeId, Run run) {
        runs.put(inodeId, run);
        Iterator<Run> leastRecentFirst = runs.values().iterator();
        while (runs.size() > maxTrackedFiles) {
            leastRecentFirst.next();
            leastRecentFirst.remove();
        }
    }

    private void submit(long inodeId, long first, long last, LongConsumer prefetchBlock) {
        for (long block = first; block <= last; block++) {
            long index = block;
            try {
                executor.execute(() -> prefetch(inodeId, index, prefetchBlock));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, e, () -> "no prefetch of blocks " + index + " to " + last + " of inode "
                        + inodeId + ": the executor refused it");
                return;
            }
            prefetchesSubmitted.incrementAndGet();
        }
    }

    private static void prefetch(long inodeId, long block, LongConsumer prefetchBlock) {
        try {
            prefetchBlock.accept(block);
        } catch (Exception e) {
            LOG.log(Level.FINE, e, () -> "prefetching block " + block + " of inode " + inodeId + " failed");
        }
    }

    private static long blockOf(long offset) {
        return offset / BLOCK;
    }

    /** One file's current run of sequential reads. */
    private static final class Run {
        /** The end of the furthest read of the run. */
        long end;
        /** The furthest block whose first reads topped up the window; -1 before the first prefetch. */
        long triggeredThrough;
        /** The furthest block asked for in the run; before any, the block where the run began. */
        long askedThrough;
        /** The window of the latest prefetch; 0 before the first. */
        int window;

        Run(long end) {
            restart(end);
        }

        void restart(long readEnd) {
            end = readEnd;
            triggeredThrough = -1;
            askedThrough = blockOf(readEnd - 1);
            window = 0;
        }

        /** Does a read from {@code offset} continue this run: within a block of where the run got to? */
        boolean continuedBy(long offset) {
            long distance = blockOf(offset) - blockOf(end);
            return distance >= -1 && distance <= 1;
        }
    }
}
