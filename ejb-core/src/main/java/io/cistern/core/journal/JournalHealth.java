package io.cistern.core.journal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the journal may still be used: not once closed, and not once an fdatasync (or the fsync of its
 * directory, or cutting a failed write back out) has failed. After a failed fdatasync the kernel may
 * already have marked the unwritten pages clean, so a later fdatasync that succeeds proves nothing: the
 * only honest answer is to stop and be reopened, which changes the write verifier, so NFS clients resend
 * what they had not committed.
 */
final class JournalHealth {
    private static final Logger LOG = Logger.getLogger(JournalHealth.class.getName());

    private final Path directory;
    private volatile IOException failure;
    private volatile boolean closed;

    JournalHealth(Path directory) {
        this.directory = directory;
    }

    /** Records the first fatal failure and returns the exception to throw for it. */
    IOException fail(String what, IOException cause) {
        IOException failed = new IOException(what + "; the journal in " + directory
                + " refuses further work until it is reopened", cause);
        if (failure == null) {
            failure = failed;
            LOG.log(Level.SEVERE, failed.getMessage(), cause);
        }
        return failed;
    }

    boolean failed() {
        return failure != null;
    }

    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Throws unless the journal is open and has not failed. */
    void ensureUsable() throws IOException {
        ensureOpen();
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("the journal failed earlier: " + failed.getMessage(), failed);
        }
    }

    /** Throws once the journal is closed; reading a failed journal is still allowed. */
    void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }
}
