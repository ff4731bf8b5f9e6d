package io.cistern.nfs.spi;

/**
 * fattr3 (RFC 1813 section 2.5): an object's attributes. Times are nanoseconds since the epoch.
 *
 * @param type   what the object is
 * @param mode   permission bits, 07777
 * @param nlink  names of the object
 * @param uid    owner
 * @param gid    group
 * @param size   bytes
 * @param used   bytes of storage the object uses
 * @param rdev   device numbers of a block or character device (major in the upper 32 bits)
 * @param fsid   the file system (share) the object is in
 * @param fileId the object's number, unique within the file system
 */
public record NfsAttributes(NfsFileType type, int mode, int nlink, int uid, int gid, long size, long used, long rdev,
                            long fsid, long fileId, long atimeNanos, long mtimeNanos, long ctimeNanos) {

    /** The part of the attributes a client compares before an operation. */
    public NfsWccBefore wcc() {
        return new NfsWccBefore(size, mtimeNanos, ctimeNanos);
    }
}
