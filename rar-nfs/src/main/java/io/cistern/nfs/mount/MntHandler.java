package io.cistern.nfs.mount;

import io.cistern.nfs.mount.wire.MountStat3;
import io.cistern.nfs.nfs3.wire.FileHandle3;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.List;
import java.util.logging.Logger;

/**
 * MOUNTPROC3_MNT (RFC 1813 section 5.2.1). Only a granted mount enters the mount list. A reply the client
 * could not use (success without a valid handle) becomes SERVERFAULT here rather than a malformed reply; a
 * success without flavors is sent as AUTH_SYS, the flavor the adapter checks, instead of an empty list that
 * leaves the choice to each client.
 */
final class MntHandler implements ProcedureHandler<String, NfsMountReply> {
    private static final Logger LOG = Logger.getLogger(MntHandler.class.getName());

    private final MountTable table;

    MntHandler(MountTable table) {
        this.table = table;
    }

    @Override
    public NfsMountReply handle(NfsCaller caller, String path, NfsListener listener) {
        NfsMountReply reply = listener.mount(caller, path);
        if (reply == null || MountStat3.of(reply.status()) != NfsStatus.OK) {
            return NfsMountReply.failure(reply == null ? NfsStatus.SERVERFAULT : MountStat3.of(reply.status()));
        }
        byte[] handle = reply.rootHandle();
        if (handle == null || handle.length == 0 || handle.length > FileHandle3.MAX_BYTES) {
            LOG.warning(() -> "MNT of " + path + ": the application granted it without a valid root handle ("
                    + (handle == null ? "none" : handle.length + " bytes") + ")");
            return NfsMountReply.failure(NfsStatus.SERVERFAULT);
        }
        table.add(MountTable.hostOf(caller), path);
        return reply.authFlavors().isEmpty()
                ? new NfsMountReply(NfsStatus.OK, handle, List.of(OpaqueAuth.AUTH_SYS)) : reply;
    }
}
