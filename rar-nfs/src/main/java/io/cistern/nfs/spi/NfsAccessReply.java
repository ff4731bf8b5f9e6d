package io.cistern.nfs.spi;

/** ACCESS3res (RFC 1813 section 3.3.4): which of the asked ACCESS3_* bits the caller has. */
public record NfsAccessReply(NfsStatus status, NfsAttributes attributes, int access) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsAccessReply failure(NfsStatus status) { return new NfsAccessReply(status, null, 0); }
}
