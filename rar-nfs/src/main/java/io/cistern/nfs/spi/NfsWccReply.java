package io.cistern.nfs.spi;

/** SETATTR3res, REMOVE3res, RMDIR3res (RFC 1813 sections 3.3.2, 3.3.12, 3.3.13): the status and the
 * changed object's (or directory's) weak cache consistency data, on success and on failure alike. */
public record NfsWccReply(NfsStatus status, NfsWcc wcc) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsWccReply failure(NfsStatus status) { return new NfsWccReply(status, NfsWcc.NONE); }
}
