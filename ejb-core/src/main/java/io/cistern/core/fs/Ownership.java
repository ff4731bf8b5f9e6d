package io.cistern.core.fs;

/**
 * Owner, group and mode of an inode after a chown, as {@link PosixRules#chown} decides them: a change of owner
 * or group can also clear set-user-ID and set-group-ID.
 *
 * @param uid  the owner to store
 * @param gid  the group to store
 * @param mode the permission bits to store (07777)
 */
public record Ownership(int uid, int gid, int mode) {
}
