package io.cistern.smb.wire;

/** The NTSTATUS values this adapter sends, [MS-ERREF] 2.3.1. */
public final class NtStatus {
    public static final int STATUS_SUCCESS = 0x0000_0000;
    /** Not an error: the GSS exchange of SESSION_SETUP needs another round ([MS-SMB2] 3.3.5.5.3). */
    public static final int STATUS_MORE_PROCESSING_REQUIRED = 0xC000_0016;
    public static final int STATUS_ACCESS_DENIED = 0xC000_0022;
    public static final int STATUS_LOGON_FAILURE = 0xC000_006D;
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
    /** An FSCTL the target does not implement. */
    public static final int STATUS_INVALID_DEVICE_REQUEST = 0xC000_0010;
    public static final int STATUS_NOT_FOUND = 0xC000_0225;
    /** A 3.1.1 NEGOTIATE offered no pre-authentication hash the server implements ([MS-SMB2] 3.3.5.4). */
    public static final int STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP = 0xC05D_0000;

    private NtStatus() {
    }

    /** For logs: the value as Windows tools print it. */
    public static String hex(int status) {
        return String.format("0x%08X", status);
    }
}
