package io.cistern.core.shares;

import java.util.List;

/**
 * A share as the admin API shows it.
 *
 * @param name            its name, as SMB lists it
 * @param exportPath      its NFS export path
 * @param readOnly        nothing in it may be written
 * @param rootSquash      NFS root_squash
 * @param allSquash       NFS all_squash
 * @param anonUid         NFS anonymous uid
 * @param anonGid         NFS anonymous gid
 * @param allowedNetworks NFS clients allowed; empty: every client
 * @param smbEncryptionRequired SMB: every request on the share must come encrypted
 * @param smbGuestAllowed       SMB: guest and anonymous sessions may connect
 * @param smbSigningRequired    SMB: every request on the share must come signed (or encrypted)
 * @param permissions     its per-user and per-group levels; empty: open to every authenticated account
 * @param store           the name of the block store keeping its blocks
 */
public record ShareView(String name, String exportPath, boolean readOnly, boolean rootSquash, boolean allSquash,
                        int anonUid, int anonGid, List<String> allowedNetworks, boolean smbEncryptionRequired,
                        boolean smbGuestAllowed, boolean smbSigningRequired, List<PermissionView> permissions,
                        String store) {
}
