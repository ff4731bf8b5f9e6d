package io.cistern.nfs.spi;

/** COMMIT3res (RFC 1813 section 3.3.21): the file's weak cache consistency data and the write verifier. */
public record NfsCommitReply(NfsStatus status, NfsWcc wcc, long verifier) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsCommitReply failure(NfsStatus status) { return new NfsCommitReply(status, NfsWcc.NONE, 0); }
}
