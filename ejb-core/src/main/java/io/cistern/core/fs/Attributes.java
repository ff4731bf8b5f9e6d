package io.cistern.core.fs;

/**
 * An inode's attributes as both protocols report them. Times are nanoseconds since the epoch.
 *
 * @param inodeId    the file id, unique in the installation
 * @param shareId    the share (file system) the inode belongs to
 * @param type       what the inode is
 * @param mode       the permission bits, 07777
 * @param nlink      the number of names (for a directory: 2 + its subdirectories)
 * @param uid        the owner
 * @param gid        the group
 * @param size       bytes (for a symlink: the target's length)
 * @param rdev       device number of a character or block device
 * @param atime      last access
 * @param mtime      last modification of contents or entries
 * @param ctime      last change of the inode
 * @param birthTime  creation
 * @param change     grows with every change: NFS change attribute, SMB change detection
 * @param generation part of the file handle; never reused with the same inode id
 */
public record Attributes(long inodeId, long shareId, FileType type, int mode, int nlink, int uid, int gid, long size,
                         long rdev, long atime, long mtime, long ctime, long birthTime, long change, int generation) {

    public FileHandle handle() {
        return new FileHandle(shareId, inodeId, generation);
    }

    public PermissionSubject permissions() {
        return new PermissionSubject(type, mode, uid, gid);
    }

    /** What NFS calls wcc_attr: enough for a client to tell whether its cache is still good. */
    public WccAttributes wcc() {
        return new WccAttributes(size, mtime, ctime);
    }
}
