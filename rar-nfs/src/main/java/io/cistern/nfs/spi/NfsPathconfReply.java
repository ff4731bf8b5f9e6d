package io.cistern.nfs.spi;

/** PATHCONF3res (RFC 1813 section 3.3.20): the POSIX limits of the file system. */
public record NfsPathconfReply(NfsStatus status, NfsAttributes attributes, int linkMax, int nameMax, boolean noTrunc, boolean chownRestricted,
                               boolean caseInsensitive, boolean casePreserving) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsPathconfReply failure(NfsStatus status) { return new NfsPathconfReply(status, null, 0, 0, false, false, false, false); }
}
