package io.cistern.smb.server;

/**
 * The share path of a TREE_CONNECT request, [MS-SMB2] 2.2.9: {@code \\server\share}, the UNC form of [MS-DTYP]
 * that 3.3.5.7 refers to, cut to a server and a share name. Both parts must be non-empty and hold no backslash; nothing may follow
 * the share name. The server part is kept for logs only: every name of this server (its host name, an address, an
 * alias) reaches the same shares, so it takes no part in the lookup.
 *
 * @param server the host part as the client wrote it
 * @param share  the share part as the client wrote it
 */
record SharePath(String server, String share) {
    /** The share the protocol keeps for named pipes (interprocess communication), no share of the application's. */
    static final String IPC_SHARE = "IPC$";

    /** The path's two parts, or null when it does not have the {@code \\server\share} form. */
    static SharePath parse(String path) {
        if (!path.startsWith("\\\\")) {
            return null;
        }
        int separator = path.indexOf('\\', 2);
        if (separator <= 2 || separator == path.length() - 1 || path.indexOf('\\', separator + 1) >= 0) {
            return null;
        }
        return new SharePath(path.substring(2, separator), path.substring(separator + 1));
    }

    /** Whether the share is IPC$, in any case, as Windows compares share names. */
    boolean isIpc() {
        return IPC_SHARE.equalsIgnoreCase(share);
    }
}
