package io.cistern.smb.spi;

/**
 * What a SET_INFO of a security descriptor asks of a file, once the adapter has read its owner, group and DACL
 * in POSIX terms; null leaves a value as it is. The application applies it as chown and chmod are applied, with the
 * same permission rules.
 *
 * @param uid  the new owner
 * @param gid  the new group
 * @param mode the new permission bits, 07777
 */
public record SmbSecurityChange(Integer uid, Integer gid, Integer mode) {

    /** Whether nothing is to change. */
    public boolean isEmpty() {
        return uid == null && gid == null && mode == null;
    }
}
