package io.cistern.smb.spi;

/**
 * How a file request ended, in the file system's terms; the adapter turns each into its NTSTATUS (the mapping is
 * the adapter's, so that nothing in the application knows SMB2 codes).
 */
public enum SmbFileStatus {
    OK,
    /** the last component of the path names nothing */
    NOT_FOUND,
    /** a component before the last names nothing, or not a directory */
    PATH_NOT_FOUND,
    /** the name exists and the request wanted to create it, or a rename without replace found its target */
    EXISTS,
    /** the mode bits, the owner rule, or a read-only share deny it */
    ACCESS_DENIED,
    /** the request wanted a directory and the name is a file (or a link, a device) */
    NOT_A_DIRECTORY,
    /** the request wanted a non-directory and the name is a directory */
    IS_A_DIRECTORY,
    /** a directory to delete still has entries */
    NOT_EMPTY,
    /** a name the file system refuses (too long, or one the adapter let through that the file system does not take) */
    NAME_INVALID,
    /** the file an open handle names is gone (deleted through any protocol) */
    FILE_DELETED,
    /** the store or the journal has no room */
    DISK_FULL,
    /** a rename or link across shares */
    NOT_SAME_DEVICE,
    /** a size or offset the file system cannot hold, or an argument it refuses */
    INVALID_PARAMETER,
    /** stored data failed its checksum or is missing */
    IO_ERROR,
    /** a byte-range lock held (over any protocol, or by the same open) conflicts with a lock asked for */
    LOCK_CONFLICT,
    /** a byte-range lock held by another owner (or the open's own shared lock, for a write) refuses a read or write */
    FILE_LOCK_CONFLICT,
    /** a range to be read (the source of a server-side copy) ends past the end of the file */
    BEYOND_END_OF_FILE,
    /** an unlock names no lock the open holds with exactly that offset and length */
    RANGE_NOT_LOCKED,
    /**
     * Not now: the journal is full, the block store or the database is unreachable. The adapter tries again later
     * rather than failing the client's request, which could lose its data.
     */
    TRY_LATER
}
