package io.cistern.smb.server;

import io.cistern.smb.fscc.DirectoryEntry;
import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.fscc.FileBasicInformation;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.wire.FileAttributeValues;

/**
 * How the application's {@link SmbFileInfo} looks to an SMB client: FILETIMEs from nanoseconds since 1970, and the
 * attributes of [MS-FSCC] 2.6: DIRECTORY for a directory; READONLY without the owner's write bit; HIDDEN for a
 * name that starts with "." (the Unix convention a Windows user expects to see hidden); ARCHIVE for every other
 * file, as NTFS reports a file that was written (so NORMAL, which must stand alone, is never needed).
 */
final class FileAttributeMapping {
    /** 100-ns intervals from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_INTERVALS = 116_444_736_000_000_000L;

    private FileAttributeMapping() {
    }

    static long fileTime(long unixNanos) {
        return Math.floorDiv(unixNanos, 100) + EPOCH_INTERVALS;
    }

    /** Nanoseconds since 1970 for a FILETIME a client sets; null for 0 and -1 (leave it); throws when unrepresentable. */
    static Long unixNanos(long fileTime) {
        if (fileTime == 0 || fileTime == -1) {
            return null;
        }
        if (fileTime < 0) {
            throw new ArithmeticException("negative FILETIME");
        }
        return Math.multiplyExact(fileTime - EPOCH_INTERVALS, 100L);
    }

    /** {@code name}: the last component of the file's path, or "" for the share's top. */
    static int attributes(SmbFileInfo info, String name) {
        int attributes = info.directory() ? FileAttributes.DIRECTORY : FileAttributes.ARCHIVE;
        if (info.readOnly()) {
            attributes |= FileAttributes.READONLY;
        }
        if (name.length() > 1 && name.startsWith(".") && !name.equals("..")) {
            attributes |= FileAttributes.HIDDEN;
        }
        return attributes;
    }

    static FileAttributeValues values(SmbFileInfo info, String name) {
        return new FileAttributeValues(fileTime(info.creationTime()), fileTime(info.lastAccessTime()),
                fileTime(info.lastWriteTime()), fileTime(info.changeTime()), allocation(info), endOfFile(info),
                attributes(info, name));
    }

    static FileBasicInformation basic(SmbFileInfo info, String name) {
        return new FileBasicInformation(fileTime(info.creationTime()), fileTime(info.lastAccessTime()),
                fileTime(info.lastWriteTime()), fileTime(info.changeTime()), attributes(info, name));
    }

    static DirectoryEntry entry(SmbFileInfo info, String name) {
        return new DirectoryEntry(fileTime(info.creationTime()), fileTime(info.lastAccessTime()),
                fileTime(info.lastWriteTime()), fileTime(info.changeTime()), endOfFile(info), allocation(info),
                attributes(info, name), info.fileId(), name);
    }

    static long endOfFile(SmbFileInfo info) {
        return info.directory() ? 0 : info.size();
    }

    static long allocation(SmbFileInfo info) {
        return info.directory() ? 0 : info.allocationSize();
    }

    static String lastName(java.util.List<String> path) {
        return path.isEmpty() ? "" : path.get(path.size() - 1);
    }
}
