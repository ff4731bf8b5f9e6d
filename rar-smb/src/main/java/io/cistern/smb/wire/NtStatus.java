package io.cistern.smb.wire;

/** The NTSTATUS values this adapter sends, [MS-ERREF] 2.3.1. */
public final class NtStatus {
    public static final int STATUS_SUCCESS = 0x0000_0000;
    /** The interim response of a request that goes on asynchronously ([MS-SMB2] 3.3.4.2). */
    public static final int STATUS_PENDING = 0x0000_0103;
    /** A watched directory changed; the client lists it again to see how ([MS-SMB2] 3.3.5.19). */
    public static final int STATUS_NOTIFY_ENUM_DIR = 0x0000_010C;
    /** A CHANGE_NOTIFY whose open was closed while it waited. */
    public static final int STATUS_NOTIFY_CLEANUP = 0x0000_010B;
    /** The final response of an asynchronous request that a CANCEL ended ([MS-SMB2] 3.3.5.16). */
    public static final int STATUS_CANCELLED = 0xC000_0120;
    /** A waiting lock whose open was closed before the lock was granted (what Windows and Samba answer). */
    public static final int STATUS_RANGE_NOT_LOCKED = 0xC000_007E;
    /** Not an error: the GSS exchange of SESSION_SETUP needs another round ([MS-SMB2] 3.3.5.5.3). */
    public static final int STATUS_MORE_PROCESSING_REQUIRED = 0xC000_0016;
    public static final int STATUS_ACCESS_DENIED = 0xC000_0022;
    public static final int STATUS_LOGON_FAILURE = 0xC000_006D;
    /** An oplock break acknowledgment when nothing breaks, or at a level the break did not offer (3.3.5.22.1). */
    public static final int STATUS_INVALID_OPLOCK_PROTOCOL = 0xC000_00E3;
    /** A lease break acknowledgment for a lease that is not breaking ([MS-SMB2] 3.3.5.22.2). */
    public static final int STATUS_UNSUCCESSFUL = 0xC000_0001;
    public static final int STATUS_REQUEST_NOT_ACCEPTED = 0xC000_00D0;
    public static final int STATUS_INVALID_PARAMETER = 0xC000_000D;
    public static final int STATUS_INSUFFICIENT_RESOURCES = 0xC000_009A;
    public static final int STATUS_NOT_SUPPORTED = 0xC000_00BB;
    public static final int STATUS_INTERNAL_ERROR = 0xC000_00E5;
    /** The TreeId of a request names no tree connect of its session ([MS-SMB2] 3.3.5.2.11). */
    public static final int STATUS_NETWORK_NAME_DELETED = 0xC000_00C9;
    /** TREE_CONNECT named a share the server does not have, or the account may not use ([MS-SMB2] 3.3.5.7). */
    public static final int STATUS_BAD_NETWORK_NAME = 0xC000_00CC;
    public static final int STATUS_USER_SESSION_DELETED = 0xC000_0203;
    public static final int STATUS_NOT_FOUND = 0xC000_0225;
    /** A byte-range lock that conflicts with another owner's ([MS-SMB2] 3.3.5.14.2). */
    public static final int STATUS_LOCK_NOT_GRANTED = 0xC000_0055;
    /** A READ or WRITE of bytes another open's byte-range lock covers ([MS-FSA] 2.1.5.2, 2.1.5.3). */
    public static final int STATUS_FILE_LOCK_CONFLICT = 0xC000_0054;
    /** A read of a named pipe with nothing written to it to answer. */
    public static final int STATUS_PIPE_EMPTY = 0xC000_00D9;
    /** A lock whose last byte, Offset + Length - 1, lies past 2^64 - 1 ([MS-FSA] 2.1.5.7). */
    public static final int STATUS_INVALID_LOCK_RANGE = 0xC000_01A1;
    /** A 3.1.1 NEGOTIATE offered no pre-authentication hash the server implements ([MS-SMB2] 3.3.5.4). */
    public static final int STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP = 0xC05D_0000;

    /** Not an error: the output was truncated to the client's buffer (QUERY_INFO, QUERY_DIRECTORY). */
    public static final int STATUS_BUFFER_OVERFLOW = 0x8000_0005;
    /** A directory search has returned every match. */
    public static final int STATUS_NO_MORE_FILES = 0x8000_0006;
    public static final int STATUS_INVALID_INFO_CLASS = 0xC000_0003;
    public static final int STATUS_INFO_LENGTH_MISMATCH = 0xC000_0004;
    public static final int STATUS_NO_SUCH_FILE = 0xC000_000F;
    public static final int STATUS_INVALID_DEVICE_REQUEST = 0xC000_0010;
    public static final int STATUS_END_OF_FILE = 0xC000_0011;
    /** A server-side copy chunk whose source range ends past the source's end ([MS-SMB2] 3.3.5.15.6, as Windows). */
    public static final int STATUS_INVALID_VIEW_SIZE = 0xC000_001F;
    public static final int STATUS_OBJECT_NAME_INVALID = 0xC000_0033;
    public static final int STATUS_OBJECT_NAME_NOT_FOUND = 0xC000_0034;
    public static final int STATUS_OBJECT_NAME_COLLISION = 0xC000_0035;
    public static final int STATUS_OBJECT_PATH_NOT_FOUND = 0xC000_003A;
    /** A path that climbs above the share's top with "..". */
    public static final int STATUS_OBJECT_PATH_SYNTAX_BAD = 0xC000_003B;
    /** A CREATE's ImpersonationLevel is none of the four of [MS-SMB2] 2.2.13. */
    public static final int STATUS_BAD_IMPERSONATION_LEVEL = 0xC000_00A5;
    public static final int STATUS_SHARING_VIOLATION = 0xC000_0043;
    public static final int STATUS_DELETE_PENDING = 0xC000_0056;
    public static final int STATUS_DISK_FULL = 0xC000_007F;
    public static final int STATUS_IO_TIMEOUT = 0xC000_00B5;
    public static final int STATUS_FILE_IS_A_DIRECTORY = 0xC000_00BA;
    public static final int STATUS_NOT_SAME_DEVICE = 0xC000_00D4;
    public static final int STATUS_UNEXPECTED_IO_ERROR = 0xC000_00E9;
    public static final int STATUS_DIRECTORY_NOT_EMPTY = 0xC000_0101;
    public static final int STATUS_NOT_A_DIRECTORY = 0xC000_0103;
    public static final int STATUS_BUFFER_TOO_SMALL = 0xC000_0023;
    public static final int STATUS_INVALID_OWNER = 0xC000_005A;
    public static final int STATUS_INVALID_PRIMARY_GROUP = 0xC000_005B;
    public static final int STATUS_CANNOT_DELETE = 0xC000_0121;
    public static final int STATUS_FILE_DELETED = 0xC000_0123;
    /** The FileId of a request names no open of its session and tree ([MS-SMB2] 3.3.5.x). */
    public static final int STATUS_FILE_CLOSED = 0xC000_0128;

    private NtStatus() {
    }

    /** For logs: the value as Windows tools print it. */
    public static String hex(int status) {
        return String.format("0x%08X", status);
    }
}
