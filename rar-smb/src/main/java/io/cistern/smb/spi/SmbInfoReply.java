package io.cistern.smb.spi;

/** A file's attributes, or why they could not be read or changed ({@code info} is null unless the status is OK). */
public record SmbInfoReply(SmbFileStatus status, SmbFileInfo info) {
    public SmbInfoReply {
        if (status == SmbFileStatus.OK && info == null) {
            throw new IllegalArgumentException("a successful reply carries attributes");
        }
    }

    public static SmbInfoReply ok(SmbFileInfo info) {
        return new SmbInfoReply(SmbFileStatus.OK, info);
    }

    public static SmbInfoReply failure(SmbFileStatus status) {
        return new SmbInfoReply(status, null);
    }
}
