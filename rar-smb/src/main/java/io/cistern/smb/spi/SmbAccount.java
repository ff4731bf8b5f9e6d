package io.cistern.smb.spi;

import java.util.Arrays;

/**
 * A local user as the adapter needs it to verify an NTLMv2 logon and to act for the user afterwards. The NT hash is
 * a password equivalent: it is handed over only for the verification, never logged, and {@link #toString} leaves it
 * out.
 *
 * @param username the account's own spelling of its name (the client may have typed another case)
 * @param ntHash   MD4 of the UTF-16LE password ([MS-NLMP] 3.3.1 NTOWFv1, which NTOWFv2 is built on), 16 bytes
 * @param uid      the numeric user the session acts as
 * @param gid      the user's primary group
 * @param groups   supplementary groups
 */
public record SmbAccount(String username, byte[] ntHash, int uid, int gid, int[] groups) {
    public SmbAccount {
        if (ntHash == null || ntHash.length != 16) {
            throw new IllegalArgumentException("an NT hash has 16 bytes");
        }
        ntHash = ntHash.clone();
        groups = groups == null ? new int[0] : groups.clone();
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
        return "SmbAccount[" + username + ", uid " + uid + ", gid " + gid + ", groups " + Arrays.toString(groups) + "]";
    }
}
