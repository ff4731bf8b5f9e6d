package io.cistern.nfs.spi;

import java.util.List;

/**
 * mountres3 (RFC 1813 section 5.2.1): the root handle of an export and the RPC authentication flavors it takes,
 * or a mountstat3 error (the same numbers as nfsstat3 for the ones MOUNT uses).
 */
public record NfsMountReply(NfsStatus status, byte[] rootHandle, List<Integer> authFlavors) implements NfsReply {
    public NfsMountReply {
        authFlavors = authFlavors == null ? List.of() : List.copyOf(authFlavors);
    }

    public static NfsMountReply failure(NfsStatus status) {
        return new NfsMountReply(status, null, List.of());
    }
}
