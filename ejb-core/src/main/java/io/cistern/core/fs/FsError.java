package io.cistern.core.fs;

/** Why a file-system operation failed; each protocol maps these to its own codes (NFS3ERR_*, STATUS_*). */
public enum FsError {
    /** ENOENT */
    NOT_FOUND,
    /** EEXIST */
    EXISTS,
    /** ENOTDIR */
    NOT_DIRECTORY,
    /** EISDIR */
    IS_DIRECTORY,
    /** ENOTEMPTY */
    NOT_EMPTY,
    /** EACCES: the mode bits deny it */
    ACCESS,
    /** EPERM: only the owner or root may do it */
    PERMISSION,
    /** ENAMETOOLONG: more than 255 bytes */
    NAME_TOO_LONG,
    /** EINVAL: a name with '/' or NUL, "." or "..", a rename into its own subtree, a bad argument */
    INVALID,
    /** EROFS */
    READ_ONLY,
    /** ESTALE: the handle named something that no longer exists */
    STALE,
    /** the handle is malformed or forged */
    BAD_HANDLE,
    /** EXDEV: a link or rename across shares */
    CROSS_DEVICE,
    /** ENOSPC */
    NO_SPACE,
    /** a guarded SETATTR whose guard did not match (NFS3ERR_NOT_SYNC) */
    NOT_SYNC,
    /** EMLINK: too many links */
    TOO_MANY_LINKS,
    /** EFBIG: a size or write end beyond the largest file (2^63 - 1 bytes) */
    TOO_BIG,
    /**
     * Not now, not an error: the journal is full or the block store unreachable. NFS answers NFS3ERR_JUKEBOX and
     * the client retries; SMB delays its response. Never turned into EIO, which would lose a client's data.
     */
    TRY_LATER,
    /** EIO: stored data failed its checksum or is missing; logged and counted where it happened */
    IO
}
