package io.cistern.smb.spi;

/**
 * A share's size as FileFsSizeInformation and FileFsFullSizeInformation report it ([MS-FSCC] 2.5.8, 2.5.4).
 *
 * @param totalBytes     the volume's size
 * @param freeBytes      bytes not in use
 * @param availableBytes bytes this user may still write
 */
public record SmbVolumeReply(SmbFileStatus status, long totalBytes, long freeBytes, long availableBytes) {
    public static SmbVolumeReply failure(SmbFileStatus status) {
        return new SmbVolumeReply(status, 0, 0, 0);
    }
}
