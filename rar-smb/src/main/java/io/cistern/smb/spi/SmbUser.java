package io.cistern.smb.spi;

import java.util.Arrays;

/**
 * Who a file request runs as: the numeric identity of the session's account ({@link SmbAccount} without its NT
 * hash, which nothing after the logon needs).
 *
 * @param username the account's name, for the application's logs
 * @param uid      the numeric user
 * @param gid      the primary group
 * @param groups   supplementary groups
 */
public record SmbUser(String username, int uid, int gid, int[] groups) {
    public SmbUser {
        groups = groups == null ? new int[0] : groups.clone();
    }

    public static SmbUser of(SmbAccount account) {
        return new SmbUser(account.username(), account.uid(), account.gid(), account.groups());
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmbUser user && username.equals(user.username) && uid == user.uid && gid == user.gid
                && Arrays.equals(groups, user.groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * username.hashCode() + uid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "SmbUser[" + username + ", uid " + uid + ", gid " + gid + ", groups " + Arrays.toString(groups) + "]";
    }
}
