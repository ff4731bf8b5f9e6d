package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.wire.NtStatus;

/**
 * The one place where the application's {@link SmbFileStatus} becomes an NTSTATUS ([MS-ERREF] 2.3.1), chosen as
 * Windows answers the same situation. TRY_LATER only gets here once {@link FileRequests#retrying} has given up
 * re-asking: STATUS_IO_TIMEOUT, which a client treats as retryable rather than as lost data.
 */
final class FileStatusMapping {
    private FileStatusMapping() {
    }

    static int ntStatus(SmbFileStatus status) {
        return switch (status) {
            case OK -> NtStatus.STATUS_SUCCESS;
            case NOT_FOUND -> NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
            case PATH_NOT_FOUND -> NtStatus.STATUS_OBJECT_PATH_NOT_FOUND;
            case EXISTS -> NtStatus.STATUS_OBJECT_NAME_COLLISION;
            case ACCESS_DENIED -> NtStatus.STATUS_ACCESS_DENIED;
            case NOT_A_DIRECTORY -> NtStatus.STATUS_NOT_A_DIRECTORY;
            case IS_A_DIRECTORY -> NtStatus.STATUS_FILE_IS_A_DIRECTORY;
            case NOT_EMPTY -> NtStatus.STATUS_DIRECTORY_NOT_EMPTY;
            case NAME_INVALID -> NtStatus.STATUS_OBJECT_NAME_INVALID;
            case FILE_DELETED -> NtStatus.STATUS_FILE_DELETED;
            case DISK_FULL -> NtStatus.STATUS_DISK_FULL;
            case NOT_SAME_DEVICE -> NtStatus.STATUS_NOT_SAME_DEVICE;
            case INVALID_PARAMETER -> NtStatus.STATUS_INVALID_PARAMETER;
            case IO_ERROR -> NtStatus.STATUS_UNEXPECTED_IO_ERROR;
            case TRY_LATER -> NtStatus.STATUS_IO_TIMEOUT;
            case LOCK_CONFLICT -> NtStatus.STATUS_LOCK_NOT_GRANTED;
            case FILE_LOCK_CONFLICT -> NtStatus.STATUS_FILE_LOCK_CONFLICT;
            case RANGE_NOT_LOCKED -> NtStatus.STATUS_RANGE_NOT_LOCKED;
            case BEYOND_END_OF_FILE -> NtStatus.STATUS_INVALID_VIEW_SIZE;
        };
    }
}
