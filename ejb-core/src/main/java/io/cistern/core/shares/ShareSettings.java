package io.cistern.core.shares;

import java.util.List;

/**
 * Options of a share to set; a null field is left as it is (on a new share: its default).
 *
 * @param readOnly        nothing in the share may be written, over any protocol
 * @param rootSquash      NFS: uid and gid 0 become the anonymous ids (default true)
 * @param allSquash       NFS: every client identity becomes the anonymous ids (default false)
 * @param anonUid         NFS: the anonymous user (default 65534)
 * @param anonGid         NFS: the anonymous group (default 65534)
 * @param allowedNetworks NFS: CIDR blocks or addresses of the clients allowed; empty: every client (default)
 * @param smbEncryptionRequired SMB: every request on the share must come encrypted (default false)
 * @param smbGuestAllowed       SMB: guest and anonymous sessions may connect (default false)
 * @param smbSigningRequired    SMB: every request on the share must come signed or encrypted (default false)
 * @param store           the block store keeping the share's blocks, by name (default {@code default}); changes
 *                        only while the share holds no file
 */
public record ShareSettings(Boolean readOnly, Boolean rootSquash, Boolean allSquash, Integer anonUid, Integer anonGid,
                            List<String> allowedNetworks, Boolean smbEncryptionRequired, Boolean smbGuestAllowed,
                            Boolean smbSigningRequired, String store) {
    /** Settings that leave the SMB options and the store as they are. */
    public ShareSettings(Boolean readOnly, Boolean rootSquash, Boolean allSquash, Integer anonUid, Integer anonGid,
                         List<String> allowedNetworks) {
        this(readOnly, rootSquash, allSquash, anonUid, anonGid, allowedNetworks, null, null, null, null);
    }

    public boolean isEmpty() {
        return readOnly == null && rootSquash == null && allSquash == null && anonUid == null && anonGid == null
                && allowedNetworks == null && smbEncryptionRequired == null && smbGuestAllowed == null
                && smbSigningRequired == null && store == null;
    }
}
