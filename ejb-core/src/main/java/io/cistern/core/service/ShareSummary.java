package io.cistern.core.service;

/**
 * A share as a protocol adapter needs it to connect a client to it; the adapters translate it into their own type.
 *
 * @param id       the share's id
 * @param name     the share's stored spelling of its name
 * @param readOnly whether nothing in the share may be written, whoever connects
 * @param smbEncryptionRequired whether every SMB request on the share must come encrypted
 * @param smbGuestAllowed       whether SMB guest and anonymous sessions may connect
 * @param anonUid  the user a guest session acts as on this share
 * @param anonGid  the group a guest session acts as on this share
 * @param smbSigningRequired    whether every SMB request on the share must come signed (or encrypted)
 */
public record ShareSummary(long id, String name, boolean readOnly, boolean smbEncryptionRequired,
                           boolean smbGuestAllowed, int anonUid, int anonGid, boolean smbSigningRequired) {
    /** A share with no SMB option, whose anonymous ids are 65534. */
    public ShareSummary(long id, String name, boolean readOnly) {
        this(id, name, readOnly, false, false, 65534, 65534, false);
    }

    /** The same share, read-only. */
    public ShareSummary asReadOnly() {
        return new ShareSummary(id, name, true, smbEncryptionRequired, smbGuestAllowed, anonUid, anonGid,
                smbSigningRequired);
    }
}
