package io.cistern.nfs.spi;

/** GETATTR3res (RFC 1813 section 3.3.1): the object's attributes, or why not. */
public record NfsAttrReply(NfsStatus status, NfsAttributes attributes) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsAttrReply failure(NfsStatus status) { return new NfsAttrReply(status, null); }
}
