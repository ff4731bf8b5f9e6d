package io.cistern.nfs.mount;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * MOUNTPROC3_UMNTALL (RFC 1813 section 5.2.4): a client (typically after a reboot) gives up all its mounts.
 * The application hears of each, so that it sees the same as if the client had unmounted them one by one.
 */
final class UmntAllHandler implements ProcedureHandler<Void, Void> {
    private final MountTable table;

    UmntAllHandler(MountTable table) {
        this.table = table;
    }

    @Override
    public Void handle(NfsCaller caller, Void arguments, NfsListener listener) {
        for (String path : table.removeAll(MountTable.hostOf(caller))) {
            listener.unmount(caller, path);
        }
        return null;
    }
}
