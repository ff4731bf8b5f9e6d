package io.cistern.nfs.spi;

/** WRITE3res (RFC 1813 section 3.3.7): bytes written, how stably (0 UNSTABLE, 1 DATA_SYNC, 2 FILE_SYNC), and
 * the server's write verifier. */
public record NfsWriteReply(NfsStatus status, NfsWcc wcc, int count, int committed, long verifier) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsWriteReply failure(NfsStatus status) { return new NfsWriteReply(status, NfsWcc.NONE, 0, 0, 0); }
}
