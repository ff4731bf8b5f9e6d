package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import java.util.List;

/** PMAPPROC_DUMP (RFC 1833 section 3.2): the whole table, what rpcinfo -p prints. */
final class PortmapDumpHandler implements ProcedureHandler<Void, List<PortMapping>> {
    private final PortmapRegistry registry;

    PortmapDumpHandler(PortmapRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<PortMapping> handle(NfsCaller caller, Void arguments, NfsListener listener) {
        return registry.mappings();
    }
}
