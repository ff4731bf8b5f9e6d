package io.cistern.nfs.spi;

/** READ3res (RFC 1813 section 3.3.6): the bytes read, fewer than asked at the end of the file. */
public record NfsReadReply(NfsStatus status, NfsAttributes attributes, byte[] data, boolean eof) {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsReadReply failure(NfsStatus status) { return new NfsReadReply(status, null, null, false); }
}
