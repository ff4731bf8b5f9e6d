package io.cistern.nfs.spi;

/** READLINK3res (RFC 1813 section 3.3.5): a symbolic link's target, as bytes. */
public record NfsReadlinkReply(NfsStatus status, NfsAttributes attributes, byte[] target) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsReadlinkReply failure(NfsStatus status) { return new NfsReadlinkReply(status, null, null); }
}
