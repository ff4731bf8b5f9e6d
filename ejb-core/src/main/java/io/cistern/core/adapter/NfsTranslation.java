package io.cistern.core.adapter;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.Stability;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.fs.WccAttributes;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsTimeSet;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccBefore;

/**
 * Value conversions between the file system's types and the NFS adapter's. The adapter ships its own small
 * types (two standalone RARs must not share classes), so every value crosses here, and nowhere else. The
 * switches have no default branch: a new {@link FsError} or {@link FileType} does not compile until it is
 * mapped.
 */
final class NfsTranslation {
    /** Storage is counted in 4 KiB units, as a local file system would report it. */
    static final long USED_UNIT = 4096;

    private NfsTranslation() {
    }

    static NfsStatus status(FsError error) {
        return switch (error) {
            case NOT_FOUND -> NfsStatus.NOENT;
            case EXISTS -> NfsStatus.EXIST;
            case NOT_DIRECTORY -> NfsStatus.NOTDIR;
            case IS_DIRECTORY -> NfsStatus.ISDIR;
            case NOT_EMPTY -> NfsStatus.NOTEMPTY;
            case ACCESS -> NfsStatus.ACCES;
            case PERMISSION -> NfsStatus.PERM;
            case NAME_TOO_LONG -> NfsStatus.NAMETOOLONG;
            case INVALID -> NfsStatus.INVAL;
            case READ_ONLY -> NfsStatus.ROFS;
            case STALE -> NfsStatus.STALE;
            case BAD_HANDLE -> NfsStatus.BADHANDLE;
            case CROSS_DEVICE -> NfsStatus.XDEV;
            case NO_SPACE -> NfsStatus.NOSPC;
            case NOT_SYNC -> NfsStatus.NOT_SYNC;
            case TOO_MANY_LINKS -> NfsStatus.MLINK;
            case TOO_BIG -> NfsStatus.FBIG;
            // the client waits and retries; it never loses the data it is writing
            case TRY_LATER -> NfsStatus.JUKEBOX;
            case IO -> NfsStatus.IO;
        };
    }

    static NfsFileType fileType(FileType type) {
        return switch (type) {
            case REGULAR -> NfsFileType.REG;
            case DIRECTORY -> NfsFileType.DIR;
            case SYMLINK -> NfsFileType.LNK;
            case FIFO -> NfsFileType.FIFO;
            case SOCKET -> NfsFileType.SOCK;
            case CHAR_DEVICE -> NfsFileType.CHR;
            case BLOCK_DEVICE -> NfsFileType.BLK;
        };
    }

    static FileType fileType(NfsFileType type) {
        return switch (type) {
            case REG -> FileType.REGULAR;
            case DIR -> FileType.DIRECTORY;
            case LNK -> FileType.SYMLINK;
            case FIFO -> FileType.FIFO;
            case SOCK -> FileType.SOCKET;
            case CHR -> FileType.CHAR_DEVICE;
            case BLK -> FileType.BLOCK_DEVICE;
        };
    }

    /** The share is the NFS file system (fsid); inode ids are unique in the installation, so within it too. */
    static NfsAttributes attributes(Attributes attributes) {
        return new NfsAttributes(fileType(attributes.type()), attributes.mode(), attributes.nlink(),
                attributes.uid(), attributes.gid(), attributes.size(), used(attributes.size()), attributes.rdev(),
                attributes.shareId(), attributes.inodeId(), attributes.atime(), attributes.mtime(),
                attributes.ctime());
    }

    /**
     * Bytes of storage, as du shows them: the size in whole 4 KiB units. Deduplication and holes make the real
     * figure per file unknowable cheaply; the share's totals (FSSTAT) are where real usage shows.
     */
    static long used(long size) {
        if (size <= 0) {
            return 0;
        }
        long units = (size - 1) / USED_UNIT + 1;
        return units > Long.MAX_VALUE / USED_UNIT ? Long.MAX_VALUE : units * USED_UNIT;
    }

    static NfsWccBefore wccBefore(WccAttributes before) {
        return before == null ? null : new NfsWccBefore(before.size(), before.mtime(), before.ctime());
    }

    static NfsWcc wcc(WccAttributes before, Attributes after) {
        return new NfsWcc(wccBefore(before), after == null ? null : attributes(after));
    }

    static NfsWcc wcc(DirectoryChange change) {
        return wcc(change.before(), change.after());
    }

    /** A missing sattr3 (EXCLUSIVE create) changes nothing. */
    static AttributeChanges attributeChanges(NfsSetAttributes changes) {
        if (changes == null) {
            return AttributeChanges.none();
        }
        return new AttributeChanges(changes.mode(), changes.uid(), changes.gid(), changes.size(),
                timeChange(changes.atime()), timeChange(changes.mtime()));
    }

    static TimeChange timeChange(NfsTimeSet time) {
        if (time == null) {
            return TimeChange.KEEP;
        }
        return switch (time.how()) {
            case DONT_CHANGE -> TimeChange.KEEP;
            case SERVER_TIME -> TimeChange.SERVER;
            case CLIENT_TIME -> TimeChange.client(time.nanos());
        };
    }

    /** stable_how as the client sent it; the adapter passes the number through, so a bad one is INVAL here. */
    static Stability stability(int stableHow) {
        return switch (stableHow) {
            case 0 -> Stability.UNSTABLE;
            case 1 -> Stability.DATA_SYNC;
            case 2 -> Stability.FILE_SYNC;
            default -> throw new FsException(FsError.INVALID, "unknown stable_how " + stableHow);
        };
    }

    static int stableHow(Stability stability) {
        return switch (stability) {
            case UNSTABLE -> 0;
            case DATA_SYNC -> 1;
            case FILE_SYNC -> 2;
        };
    }

    static CreateMode createMode(int how) {
        return switch (how) {
            case 0 -> CreateMode.UNCHECKED;
            case 1 -> CreateMode.GUARDED;
            case 2 -> CreateMode.EXCLUSIVE;
            default -> throw new FsException(FsError.INVALID, "unknown createmode3 " + how);
        };
    }
}
