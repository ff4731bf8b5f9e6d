package io.cistern.nfs.mount;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * MOUNTPROC3_UMNT (RFC 1813 section 5.2.3). The application hears of every unmount, also of a path the list
 * does not hold: the list starts empty with each activation, while clients keep their mounts across it.
 */
final class UmntHandler implements ProcedureHandler<String, Void> {
    private final MountTable table;

    UmntHandler(MountTable table) {
        this.table = table;
    }

    @Override
    public Void handle(NfsCaller caller, String path, NfsListener listener) {
        table.remove(MountTable.hostOf(caller), path);
        listener.unmount(caller, path);
        return null;
    }
}
