package io.cistern.nfs.spi;

/** RENAME3res (RFC 1813 section 3.3.14): both directories' weak cache consistency data. */
public record NfsRenameReply(NfsStatus status, NfsWcc from, NfsWcc to) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsRenameReply failure(NfsStatus status) { return new NfsRenameReply(status, NfsWcc.NONE, NfsWcc.NONE); }
}
