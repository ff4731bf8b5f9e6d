package io.cistern.smb.spi;

/**
 * The outcome of a server-side copy: how many ranges were copied, in order, and their bytes; {@code status} is OK
 * when all were, else why the next one was not (a range is copied whole or not at all).
 */
public record SmbCopyReply(SmbFileStatus status, int rangesCopied, long bytesCopied) {
    public static SmbCopyReply failure(SmbFileStatus status) {
        return new SmbCopyReply(status, 0, 0);
    }
}
