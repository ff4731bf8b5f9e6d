package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbFileStatus;

/** The file system's values in the SMB adapter's terms. */
final class SmbTranslation {
    /** What a file is said to take on disk is its size rounded up to this (the block size FsSectorSize reports). */
    static final long ALLOCATION_UNIT = 4096;

    private SmbTranslation() {
    }

    static SmbFileStatus status(FsError error) {
        return switch (error) {
            case NOT_FOUND -> SmbFileStatus.NOT_FOUND;
            case EXISTS -> SmbFileStatus.EXISTS;
            case NOT_DIRECTORY -> SmbFileStatus.NOT_A_DIRECTORY;
            case IS_DIRECTORY -> SmbFileStatus.IS_A_DIRECTORY;
            case NOT_EMPTY -> SmbFileStatus.NOT_EMPTY;
            case ACCESS, PERMISSION, READ_ONLY -> SmbFileStatus.ACCESS_DENIED;
            case NAME_TOO_LONG -> SmbFileStatus.NAME_INVALID;
            case INVALID, NOT_SYNC, TOO_MANY_LINKS, TOO_BIG -> SmbFileStatus.INVALID_PARAMETER;
            case STALE, BAD_HANDLE -> SmbFileStatus.FILE_DELETED;
            case CROSS_DEVICE -> SmbFileStatus.NOT_SAME_DEVICE;
            case NO_SPACE -> SmbFileStatus.DISK_FULL;
            case TRY_LATER -> SmbFileStatus.TRY_LATER;
            case IO -> SmbFileStatus.IO_ERROR;
        };
    }

    static SmbFileInfo info(Attributes file) {
        boolean directory = file.type() == FileType.DIRECTORY;
        long size = directory ? 0 : file.size();
        return new SmbFileInfo(file.inodeId(), directory, size, allocated(size), file.birthTime(), file.atime(),
                file.mtime(), file.ctime(), file.mode(), file.uid(), file.gid(), file.nlink());
    }

    private static long allocated(long size) {
        long units = size / ALLOCATION_UNIT + (size % ALLOCATION_UNIT == 0 ? 0 : 1);
        return units > Long.MAX_VALUE / ALLOCATION_UNIT ? Long.MAX_VALUE : units * ALLOCATION_UNIT;
    }
}
