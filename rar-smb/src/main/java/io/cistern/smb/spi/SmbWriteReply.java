package io.cistern.smb.spi;

/**
 * The outcome of a write: how many bytes reached the file (all of them, or none on failure) and its attributes
 * after, for the adapter's view of the open.
 */
public record SmbWriteReply(SmbFileStatus status, int count, SmbFileInfo info) {
    public static SmbWriteReply failure(SmbFileStatus status) {
        return new SmbWriteReply(status, 0, null);
    }
}
