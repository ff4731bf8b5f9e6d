package io.cistern.core.payload;

import java.util.concurrent.TimeUnit;

/**
 * How long a dirty block waits in the journal before the upload takes it: the "settled before" instant that
 * {@link JournalIndex#dirtyBlocks} is asked with.
 * <p>
 * The upload competes with the clients for the same cores and the same disk: hashing, a block file with two
 * fsyncs, a transaction in PostgreSQL, for every small file. While clients are at work it therefore waits until a
 * block has rested for {@link #BUSY_SETTLE_NANOS}, as the kernel's own write-back waits (dirty_expire_centisecs):
 * the clients' requests, each waiting on an fsync of its own, no longer queue behind the upload's, and a file
 * written and then deleted within that time (a build's or an editor's temporary file) is never uploaded at all.
 * The journal holds the data durably meanwhile; reads see it there. When the clients pause, or the journal is half
 * full, the upload goes ahead as before: a sustained write is uploaded alongside, never held back until the
 * journal is full.
 */
final class UploadPacing {
    /** A block written to more recently than this is probably still being filled: sealing it now would be wasted. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(750);
    /** How long a block rests while clients are at work. */
    static final long BUSY_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Clients are at work when one had a request answered this recently. */
    static final long BUSY_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Above this fill the journal is drained as fast as possible, settled or not. */
    static final double PRESSURE_FILL = 0.5;

    private UploadPacing() {
    }

    /** The instant a block must have rested since, or {@link JournalIndex#ANY_AGE} when everything goes. */
    static long settledBefore(long nowNanos, double journalFill, LastClientRequest clients) {
        if (journalFill >= PRESSURE_FILL) {
            return JournalIndex.ANY_AGE;
        }
        boolean clientsAtWork = clients.within(nowNanos, BUSY_WINDOW_NANOS);
        return nowNanos - (clientsAtWork ? BUSY_SETTLE_NANOS : SETTLE_NANOS);
    }
}
