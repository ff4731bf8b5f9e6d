package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import java.util.logging.Logger;

/**
 * PMAPPROC_SET (RFC 1833 section 3.2): only from this host, as rpcbind allows it. FALSE, the reply the RFC defines
 * for a refused registration, to everyone else and for what {@link PortmapRegistry#set} refuses.
 */
final class SetHandler implements ProcedureHandler<PortMapping, Boolean> {
    private static final Logger LOG = Logger.getLogger(SetHandler.class.getName());

    private final PortmapRegistry registry;

    SetHandler(PortmapRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Boolean handle(NfsCaller caller, PortMapping mapping, NfsListener listener) {
        boolean done = LocalCaller.is(caller) && registry.set(mapping);
        LOG.fine(() -> (done ? "registered " : "refused SET of ") + mapping + " from " + caller.client());
        return done;
    }
}
