package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * PMAPPROC_GETPORT (RFC 1833 section 3.2). Port 0 for what is not registered is what lets clients move on:
 * mount.nfs asks for MOUNT over UDP first and, told 0, tries TCP.
 */
final class GetportHandler implements ProcedureHandler<PortMapping, Integer> {
    private final PortmapRegistry registry;

    GetportHandler(PortmapRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer handle(NfsCaller caller, PortMapping query, NfsListener listener) {
        return registry.port(query);
    }
}
