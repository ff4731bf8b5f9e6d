package io.cistern.core.service;

import java.time.Instant;
import java.util.List;

/**
 * One open client connection of a protocol listener, as its adapter last reported it.
 *
 * @param protocol    NFS or SMB
 * @param address     the client's IP address
 * @param port        the client's TCP port
 * @param since       when the connection was accepted
 * @param sessions    SMB: its valid sessions; NFS: null (no sessions)
 * @param users       SMB: the account names its sessions logged on as; NFS: empty
 * @param shares      SMB: the shares its sessions tree-connected; NFS: empty
 * @param uid         NFS: the AUTH_SYS uid of its last call, null before one; SMB: null
 * @param machineName NFS: the AUTH_SYS machine name of that call; SMB: null
 * @param exports     NFS: what the client's address mounted and did not unmount (advisory); SMB: empty
 */
public record ClientConnection(String protocol, String address, int port, Instant since, Integer sessions,
                               List<String> users, List<String> shares, Integer uid, String machineName,
                               List<String> exports) {
    public ClientConnection {
        users = List.copyOf(users);
        shares = List.copyOf(shares);
        exports = List.copyOf(exports);
    }
}
