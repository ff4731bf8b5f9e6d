package io.cistern.nfs.spi;

/** FSSTAT3res (RFC 1813 section 3.3.18): space and file counts of the file system; invarsec is how long
 * they stay valid (0: they change). */
public record NfsFsStatReply(NfsStatus status, NfsAttributes attributes, long totalBytes, long freeBytes, long availableBytes, long totalFiles,
                             long freeFiles, long availableFiles, int invarsec) implements NfsReply {
    /** A failure that knows nothing more about the objects involved. */
    public static NfsFsStatReply failure(NfsStatus status) { return new NfsFsStatReply(status, null, 0, 0, 0, 0, 0, 0, 0); }
}
