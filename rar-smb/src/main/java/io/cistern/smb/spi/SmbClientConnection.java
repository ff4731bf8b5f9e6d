package io.cistern.smb.spi;

import java.time.Instant;
import java.util.List;

/**
 * One open SMB client connection as the adapter knows it, for the administrator's list of connected clients.
 *
 * @param remoteAddress the client's IP address as text
 * @param remotePort    the client's TCP port
 * @param since         when the connection was accepted
 * @param sessions      its valid sessions
 * @param users         the account names those sessions logged on as, each once ({@code (guest)} or
 *                      {@code (anonymous)} for a session without an account)
 * @param shares        the shares those sessions have tree-connected, each once (IPC$ left out)
 */
public record SmbClientConnection(String remoteAddress, int remotePort, Instant since, int sessions, List<String> users,
                                  List<String> shares) {
    public SmbClientConnection {
        users = List.copyOf(users);
        shares = List.copyOf(shares);
    }
}
