package io.cistern.smb.fscc;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One entry of a directory listing in the field set the directory information classes of [MS-FSCC] 2.4 share
 * (times as FILETIME, sizes, attributes, the 64-bit FileId, the name); {@link Format} writes it as one of them.
 * No short (8.3) names exist here, so ShortName is always empty, and EaSize is 0 (no extended attributes).
 */
public record DirectoryEntry(long creationTime, long lastAccessTime, long lastWriteTime, long changeTime,
                             long endOfFile, long allocationSize, int fileAttributes, long fileId, String name) {

    /**
     * The directory information classes: FileDirectoryInformation (2.4.10), FileFullDirectoryInformation (2.4.14),
     * FileBothDirectoryInformation (2.4.8), FileIdBothDirectoryInformation (2.4.17 in older editions, 2.4.22 in
     * newer), FileIdFullDirectoryInformation (2.4.18, newer 2.4.23) and FileNamesInformation (2.4.28), each with its
     * fixed part before FileName.
     */
    public enum Format {
        DIRECTORY(InformationClass.FILE_DIRECTORY, 64),
        FULL_DIRECTORY(InformationClass.FILE_FULL_DIRECTORY, 68),
        BOTH_DIRECTORY(InformationClass.FILE_BOTH_DIRECTORY, 94),
        ID_BOTH_DIRECTORY(InformationClass.FILE_ID_BOTH_DIRECTORY, 104),
        ID_FULL_DIRECTORY(InformationClass.FILE_ID_FULL_DIRECTORY, 80),
        NAMES(InformationClass.FILE_NAMES, 12);

        private final int infoClass;
        private final int fixedSize;

        Format(int infoClass, int fixedSize) {
            this.infoClass = infoClass;
            this.fixedSize = fixedSize;
        }

        /** The format of a FileInformationClass, or null when it is no directory class implemented here. */
        public static Format of(int infoClass) {
            for (Format format : values()) {
                if (format.infoClass == infoClass) {
                    return format;
                }
            }
            return null;
        }

        public int fixedSize() {
            return fixedSize;
        }
    }

    /** The bytes the entry takes in {@code format}, without alignment padding. */
    public int size(Format format) {
        return format.fixedSize + name.length() * 2;
    }

    /** Writes the entry with NextEntryOffset 0; the caller chains entries by patching it. */
    public void encode(ByteBuf out, Format format) {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        out.writeIntLE(0);                             // NextEntryOffset
        out.writeIntLE(0);                             // FileIndex: undefined order, so 0 ([MS-FSA] 2.1.5.6.3)
        if (format == Format.NAMES) {
            out.writeIntLE(utf16.length);
            out.writeBytes(utf16);
            return;
        }
        out.writeLongLE(creationTime);
        out.writeLongLE(lastAccessTime);
        out.writeLongLE(lastWriteTime);
        out.writeLongLE(changeTime);
        out.writeLongLE(endOfFile);
        out.writeLongLE(allocationSize);
        out.writeIntLE(fileAttributes);
        out.writeIntLE(utf16.length);
        if (format != Format.DIRECTORY) {
            out.writeIntLE(0);                         // EaSize
        }
        switch (format) {
            case BOTH_DIRECTORY -> out.writeZero(26);  // ShortNameLength, Reserved1, ShortName
            case ID_BOTH_DIRECTORY -> {
                out.writeZero(26);
                out.writeShortLE(0);                   // Reserved2
                out.writeLongLE(fileId);
            }
            case ID_FULL_DIRECTORY -> {
                out.writeIntLE(0);                     // Reserved
                out.writeLongLE(fileId);
            }
            default -> {
            }
        }
        out.writeBytes(utf16);
    }
}
