package io.cistern.nfs.spi;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Who sent a request: the client's address and the identity it claimed (AUTH_SYS) or none (AUTH_NONE).
 *
 * @param client      the client's socket address
 * @param authenticated whether the call carried AUTH_SYS credentials
 * @param uid         the claimed uid (65534 for AUTH_NONE)
 * @param gid         the claimed primary gid (65534 for AUTH_NONE)
 * @param groups      the claimed supplementary gids, at most 16
 * @param machineName the client's machine name from AUTH_SYS, empty for AUTH_NONE
 */
public record NfsCaller(InetSocketAddress client, boolean authenticated, int uid, int gid, List<Integer> groups,
                        String machineName) {

    /** uid and gid of "nobody", used for AUTH_NONE callers. */
    public static final int NOBODY = 65534;

    public NfsCaller {
        groups = List.copyOf(groups);
    }

    public static NfsCaller anonymous(InetSocketAddress client) {
        return new NfsCaller(client, false, NOBODY, NOBODY, List.of(), "");
    }
}
