package io.cistern.nfs.mount;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsListener;
import java.util.List;

/** MOUNTPROC3_EXPORT (RFC 1813 section 5.2.5): what showmount -e prints; the exports are the application's. */
final class ExportHandler implements ProcedureHandler<Void, List<NfsExport>> {
    @Override
    public List<NfsExport> handle(NfsCaller caller, Void arguments, NfsListener listener) {
        List<NfsExport> exports = listener.exports(caller);
        return exports == null ? List.of() : exports;
    }
}
