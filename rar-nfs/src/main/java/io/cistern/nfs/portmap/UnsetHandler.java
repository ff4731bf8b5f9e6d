package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import java.util.logging.Logger;

/** PMAPPROC_UNSET (RFC 1833 section 3.2): only from this host, and never of the adapter's own programs. */
final class UnsetHandler implements ProcedureHandler<PortMapping, Boolean> {
    private static final Logger LOG = Logger.getLogger(UnsetHandler.class.getName());

    private final PortmapRegistry registry;

    UnsetHandler(PortmapRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Boolean handle(NfsCaller caller, PortMapping mapping, NfsListener listener) {
        boolean done = LocalCaller.is(caller) && registry.unset(mapping.program(), mapping.version());
        LOG.fine(() -> (done ? "unregistered " : "refused UNSET of ") + mapping.program() + " v" + mapping.version()
                + " from " + caller.client());
        return done;
    }
}
