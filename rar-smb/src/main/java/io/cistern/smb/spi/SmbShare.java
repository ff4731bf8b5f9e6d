package io.cistern.smb.spi;

/**
 * A share as a tree connect needs it: which one it is, and whether the tree may change anything. The adapter
 * turns {@code readOnly} into the MaximalAccess it tells the client ([MS-SMB2] 2.2.10).
 *
 * @param shareId  the application's id of the share, for the requests on the tree to name it
 * @param name     the share's own spelling of its name (the client may have typed another case)
 * @param readOnly whether nothing in the share may be written, whoever connects
 * @param encryptionRequired Share.EncryptData ([MS-SMB2] 3.3.1.6): every request on a tree of the share must come
 *                           encrypted, and a session that cannot encrypt may not connect
 * @param guest              who a guest or anonymous session acts as on the share; null when the share allows no
 *                           guests
 * @param signingRequired    every request on a tree of the share must come signed (or encrypted), and a session
 *                           that cannot sign (a guest's) may not connect
 */
public record SmbShare(long shareId, String name, boolean readOnly, boolean encryptionRequired, SmbUser guest,
                       boolean signingRequired) {
    public SmbShare {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a share has a name");
        }
    }

    /** A share that does not require signing. */
    public SmbShare(long shareId, String name, boolean readOnly, boolean encryptionRequired, SmbUser guest) {
        this(shareId, name, readOnly, encryptionRequired, guest, false);
    }

    /** A share that does not require encryption and allows no guests. */
    public SmbShare(long shareId, String name, boolean readOnly) {
        this(shareId, name, readOnly, false, null);
    }

    /** A share that allows no guests. */
    public SmbShare(long shareId, String name, boolean readOnly, boolean encryptionRequired) {
        this(shareId, name, readOnly, encryptionRequired, null);
    }

    /** Whether guest and anonymous sessions may connect to the share. */
    public boolean allowsGuests() {
        return guest != null;
    }
}
