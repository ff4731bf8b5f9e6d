package io.cistern.smb.spi;

import java.util.List;

/**
 * A page of a directory listing, in a stable order: names after the asked cookie, and whether the directory has no
 * more. {@code self} and {@code parent} (the directory itself and the one above it; the top of a share is its own
 * parent) are what the adapter reports as "." and "..".
 */
public record SmbDirectoryReply(SmbFileStatus status, SmbFileInfo self, SmbFileInfo parent, List<SmbDirEntry> entries,
                                boolean end) {
    public SmbDirectoryReply {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static SmbDirectoryReply failure(SmbFileStatus status) {
        return new SmbDirectoryReply(status, null, null, List.of(), true);
    }
}
