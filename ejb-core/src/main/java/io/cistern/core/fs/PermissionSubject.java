package io.cistern.core.fs;

import java.util.Objects;

/**
 * The part of an inode a permission decision looks at.
 *
 * @param type what the inode is
 * @param mode the twelve permission bits (07777): set-user-ID, set-group-ID, sticky, and rwx for owner, group
 *             and others; never the file-type bits
 * @param uid  the owner
 * @param gid  the group
 */
public record PermissionSubject(FileType type, int mode, int uid, int gid) {

    public PermissionSubject {
        Objects.requireNonNull(type, "type");
        if ((mode & ~PosixRules.PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " has bits outside 07777");
        }
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }
}
