package io.cistern.core.fs;

/**
 * Owner, group and mode of an inode about to be created, as {@link PosixRules#newNode} decides them.
 *
 * @param uid  the owner: the creating caller
 * @param gid  the group: the parent directory's when it is set-group-ID, else the caller's
 * @param mode the permission bits to store (07777)
 */
public record NewNode(int uid, int gid, int mode) {
}
