package io.cistern.core.watch;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes to announce to the watchers of the written files' directories, coalesced so that a stream of writes to one
 * file costs one announcement (one look-up of its names, one change per watch) per quiet interval rather than one per
 * write. A write is journaled without a database transaction, so nothing here may wait: the write path only marks
 * the file in a map, and the announcing (names read from the database, delivery to the hub) runs on the scheduler's thread.
 * <p>
 * Each file written while someone watches its share opens a window: the first write is announced at once (on the
 * scheduler's thread), the writes that follow within the interval only add their aspects, and at the interval's end what they
 * added is announced and the window stays open for another interval, or, when nothing came, closes. So a client
 * hears of a write as soon as it is journaled, and of a long stream of writes about once an interval.
 * <p>
 * A watcher about to be answered from what it kept asks for {@link #announcePending} first: the writes already
 * journaled (so already answered to their writer) are then among what it is told, rather than a moment later in the
 * next answer (smbtorture's smb2.notify.valid-req: a file removed, created and written is one answer of three
 * changes). Announcing runs under one lock, so that an announcement under way on the scheduler's thread is finished
 * before that call returns.
 */
public final class WrittenFiles {
    private static final Logger LOG = Logger.getLogger(WrittenFiles.class.getName());

    /** Who turns a file's inode into changes under the names it has (a database look-up: never on a write's path). */
    @FunctionalInterface
    public interface Announcer {
        void announce(long inodeId, int aspects);
    }

    /** Runs a step after a delay, on a thread of its own (never the caller's); throws when shutting down. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable step, long delayNanos) throws RejectedExecutionException;

        /** Steps on an executor's threads. */
        static Scheduler of(ScheduledExecutorService executor) {
            return (step, delayNanos) -> executor.schedule(step, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private final DirectoryWatches hub;
    private final Scheduler scheduler;
    private final long intervalNanos;
    private final Announcer announcer;
    /** Files with an open window, and the aspects written in it not yet announced (0: none). */
    private final ConcurrentMap<Long, Integer> windows = new ConcurrentHashMap<>();
    /** Held while a window's aspects are taken and announced: whoever announces next sees the earlier one done. */
    private final Object announcing = new Object();

    public WrittenFiles(DirectoryWatches hub, Scheduler scheduler, Duration interval, Announcer announcer) {
        this.hub = hub;
        this.scheduler = scheduler;
        this.intervalNanos = interval.toNanos();
        this.announcer = announcer;
    }

    /**
     * A write to the file was journaled; {@code resized} when it moved the file's end. When nobody watches anything
     * (the usual case) this is one look at the hub; when nobody watches the share, two.
     */
    public void written(long shareId, long inodeId, boolean resized) {
        if (hub.idle() || !hub.watchesIn(shareId)) {
            return;
        }
        // a write always changes the last-write time; the size only when it moved the end
        int aspects = ChangeAspects.LAST_WRITE | (resized ? ChangeAspects.SIZE : 0);
        boolean[] opened = new boolean[1];
        windows.compute(inodeId, (id, pending) -> {
            if (pending == null) {
                opened[0] = true;
                return aspects;
            }
            return pending | aspects;
        });
        if (opened[0]) {
            run(() -> announce(inodeId), 0);
        }
    }

    /** How many files have a window open (for tests and diagnosis). */
    public int openWindows() {
        return windows.size();
    }

    /**
     * Announces now, on the caller's thread, every write marked and not yet announced, after any announcement under
     * way; the windows stay as they are (their steps still close them). When nothing is pending (the usual case)
     * this is one look at each open window, and nothing when none is open.
     */
    public void announcePending() {
        if (windows.isEmpty()) {
            return;
        }
        synchronized (announcing) {
            for (Long inodeId : windows.keySet()) {
                announceTaken(inodeId);
            }
        }
    }

    /** Announces what the window holds and keeps it open another interval. */
    private void announce(long inodeId) {
        boolean open;
        synchronized (announcing) {
            open = announceTaken(inodeId);
        }
        if (open) {
            run(() -> closeOrAnnounce(inodeId), intervalNanos);
        }
    }

    /** Takes the window's aspects and announces them, if any; false when the window is gone (shutdown). */
    private boolean announceTaken(long inodeId) {
        int[] taken = {-1};
        windows.computeIfPresent(inodeId, (id, pending) -> {
            taken[0] = pending;
            return 0;
        });
        if (taken[0] < 0) {
            return false;
        }
        if (taken[0] != 0) {
            try {
                announcer.announce(inodeId, taken[0]);
            } catch (RuntimeException e) {
                // a watcher misses one change (the database was away): the writes themselves stand
                LOG.log(Level.WARNING, "announcing a write to file " + inodeId + " failed", e);
            }
        }
        return true;
    }

    /** At the interval's end: closes a window no write came into, otherwise announces what came. */
    private void closeOrAnnounce(long inodeId) {
        boolean[] written = new boolean[1];
        windows.computeIfPresent(inodeId, (id, pending) -> {
            written[0] = pending != 0;
            return written[0] ? pending : null;
        });
        if (written[0]) {
            announce(inodeId);
        }
    }

    private void run(Runnable step, long delayNanos) {
        try {
            scheduler.schedule(step, delayNanos);
        } catch (RejectedExecutionException e) {
            // shutting down: nobody is left to tell
            windows.clear();
        }
    }
}
