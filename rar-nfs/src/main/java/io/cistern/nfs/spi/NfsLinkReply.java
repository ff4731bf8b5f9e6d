package io.cistern.nfs.spi;

/** LINK3res (RFC 1813 section 3.3.15): the file's attributes and the directory's weak cache consistency data. */
public record NfsLinkReply(NfsStatus status, NfsAttributes file, NfsWcc directory) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsLinkReply failure(NfsStatus status) { return new NfsLinkReply(status, null, NfsWcc.NONE); }
}
