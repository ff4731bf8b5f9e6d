package io.cistern.smb.spi;

/**
 * The outcome of an open: on {@link SmbFileStatus#OK}, the application's handle of the file (opaque to the adapter,
 * which names it in later requests), its attributes after the open, and what the open did; otherwise only the status.
 */
public record SmbOpenReply(SmbFileStatus status, byte[] handle, SmbFileInfo info, SmbCreateAction action) {
    public SmbOpenReply {
        if (status == SmbFileStatus.OK && (handle == null || info == null || action == null)) {
            throw new IllegalArgumentException("a successful open has a handle, attributes and an action");
        }
        handle = handle == null ? null : handle.clone();
    }

    public static SmbOpenReply failure(SmbFileStatus status) {
        return new SmbOpenReply(status, null, null, null);
    }

    @Override
    public byte[] handle() {
        return handle == null ? null : handle.clone();
    }
}
