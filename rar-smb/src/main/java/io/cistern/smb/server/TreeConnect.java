package io.cistern.smb.server;

import io.cistern.smb.spi.SmbShare;

/**
 * One tree connect of a session, the parts of [MS-SMB2] 3.3.1.9 (Per Tree Connect) in use: TreeId, the share
 * (null for the protocol's IPC$, which is no share of the application's), its ShareType, and
 * TreeConnect.MaximalAccess as the TREE_CONNECT response announced it.
 *
 * @param treeId        nonzero, never 0xFFFFFFFF, unique within the session
 * @param share         the application's share, or null for IPC$
 * @param shareType     SMB2_SHARE_TYPE_DISK or _PIPE ({@link io.cistern.smb.wire.Smb2TreeConnectResponse})
 * @param maximalAccess an access mask of [MS-SMB2] 2.2.13.1
 */
record TreeConnect(int treeId, SmbShare share, int shareType, int maximalAccess) {
    /** Share.EncryptData of the tree's share: its requests must come encrypted (3.3.5.2.11). */
    boolean encryptData() {
        return share != null && share.encryptionRequired();
    }

    /** The share requires signing: its requests must come signed or encrypted (as 3.3.5.2.4 for a session). */
    boolean signingRequired() {
        return share != null && share.signingRequired();
    }
}
