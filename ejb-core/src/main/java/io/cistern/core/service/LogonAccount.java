package io.cistern.core.service;

import java.util.Arrays;

/**
 * A local account as a password logon (NTLM) needs it: the protocol adapters translate it into their own type. The
 * NT hash is a password equivalent: {@link #toString} leaves it out, and nothing logs it.
 *
 * @param username the account's stored spelling of its name
 * @param ntHash   MD4 of the UTF-16LE password, 16 bytes
 * @param uid      the numeric user
 * @param gid      the primary group
 * @param groups   the supplementary groups' gids, ascending
 */
public record LogonAccount(String username, byte[] ntHash, int uid, int gid, int[] groups) {
    public LogonAccount {
        ntHash = ntHash.clone();
        groups = groups.clone();
    }

    @Override
    public byte[] ntHash() {
        return ntHash.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public String toString() {
        return "LogonAccount[" + username + ", uid " + uid + ", gid " + gid + ", groups " + Arrays.toString(groups) + "]";
    }
}
