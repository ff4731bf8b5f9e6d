package io.cistern.nfs.spi;

/** CREATE3res, MKDIR3res, SYMLINK3res, MKNOD3res (RFC 1813 sections 3.3.8 to 3.3.11): the new object's
 * handle and attributes, and the directory's weak cache consistency data. */
public record NfsCreateReply(NfsStatus status, byte[] handle, NfsAttributes attributes, NfsWcc directory) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsCreateReply failure(NfsStatus status) { return new NfsCreateReply(status, null, null, NfsWcc.NONE); }
}
