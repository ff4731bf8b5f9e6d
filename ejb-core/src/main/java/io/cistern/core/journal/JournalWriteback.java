package io.cistern.core.journal;

import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Syncs the journal in the background whenever an append leaves {@code thresholdBytes} or more without an
 * fdatasync, so that the writes a sequential client streams in reach the disk beside it rather than all at once
 * in its path.
 * <p>
 * Why: without it, a segment's records stayed in the page cache until the segment was sealed, and sealing forces
 * the whole segment under the append lock (recovery relies on every sealed segment being on disk). On the build
 * machine's ext4, 64 MiB took about 46 ms, so an SMB client writing 8 MiB at a time and waiting for each answer
 * waited that long on every eighth write, and an NFS COMMIT after a large write forced what was left all at once.
 * Synced as it comes, the seal and a client's COMMIT or FLUSH find at most about {@code thresholdBytes} left to
 * write. The disk writes the same bytes either way; only when changes.
 * <p>
 * A sync that fails has failed the journal ({@link JournalHealth}): every writer then hears it from its own append
 * or sync, and this thread logs it once and ends.
 */
public final class JournalWriteback implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JournalWriteback.class.getName());
    private static final long STOP_WAIT_SECONDS = 5;

    private final Journal journal;
    private final long thresholdBytes;
    private final Thread thread;
    private volatile boolean closed;

    private JournalWriteback(Journal journal, long thresholdBytes, ThreadFactory threads) {
        if (thresholdBytes <= 0) {
            throw new IllegalArgumentException("thresholdBytes must be positive: " + thresholdBytes);
        }
        this.journal = journal;
        this.thresholdBytes = thresholdBytes;
        this.thread = threads.newThread(this::run);
    }

    /** Starts syncing {@code journal} whenever {@code thresholdBytes} of appended records wait for it. */
    public static JournalWriteback start(Journal journal, long thresholdBytes, ThreadFactory threads) {
        JournalWriteback writeback = new JournalWriteback(journal, thresholdBytes, threads);
        journal.onUnforced(thresholdBytes, writeback::wake);
        writeback.thread.start();
        return writeback;
    }

    private void wake() {
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            if (journal.unforcedBytes() < thresholdBytes) {
                LockSupport.park(this);
                continue;
            }
            try {
                journal.sync();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "background fdatasync of the journal failed; it stops", e);
                }
                return;
            }
        }
    }

    /** Stops the thread; a sync it is running finishes first (the journal must still be open). */
    @Override
    public void close() {
        closed = true;
        journal.onUnforced(Long.MAX_VALUE, null);
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("the journal's background sync was still running " + STOP_WAIT_SECONDS + " s after it was stopped");
        }
    }
}
