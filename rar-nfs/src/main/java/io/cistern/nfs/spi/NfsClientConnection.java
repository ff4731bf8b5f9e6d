package io.cistern.nfs.spi;

import java.time.Instant;
import java.util.List;

/**
 * One open NFS client connection (TCP) as the adapter knows it, for the administrator's list of connected clients.
 * NFS has no logon: who the client is shows only in what its calls claim.
 *
 * @param remoteAddress the client's IP address as text
 * @param remotePort    the client's TCP port
 * @param since         when the connection was accepted
 * @param uid           the AUTH_SYS uid of the connection's last call; null before any AUTH_SYS call
 * @param machineName   the AUTH_SYS machine name of that call; null before any AUTH_SYS call
 * @param exports       the paths this client's address mounted and did not unmount (MOUNT's own list, which is
 *                      advisory: a client that crashed never unmounts), oldest first
 */
public record NfsClientConnection(String remoteAddress, int remotePort, Instant since, Integer uid, String machineName,
                                  List<String> exports) {
    public NfsClientConnection {
        exports = List.copyOf(exports);
    }
}
