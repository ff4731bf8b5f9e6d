package io.cistern.nfs.mount;

import io.cistern.nfs.mount.wire.MountBody;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import java.util.List;

/** MOUNTPROC3_DUMP (RFC 1813 section 5.2.2): the adapter's own mount list; the application is not asked. */
final class DumpHandler implements ProcedureHandler<Void, List<MountBody>> {
    private final MountTable table;

    DumpHandler(MountTable table) {
        this.table = table;
    }

    @Override
    public List<MountBody> handle(NfsCaller caller, Void arguments, NfsListener listener) {
        return table.entries();
    }
}
