package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import java.util.logging.Logger;

/**
 * PMAPPROC_SET and PMAPPROC_UNSET (RFC 1833 section 3.2) answer FALSE, the reply the RFC defines for a
 * refused (un)registration. The table comes from configuration only: anyone able to reach the port could
 * otherwise point clients of NFS at a server of their own, or hide Cistern's programs.
 */
final class RegistrationRefusedHandler implements ProcedureHandler<PortMapping, Boolean> {
    private static final Logger LOG = Logger.getLogger(RegistrationRefusedHandler.class.getName());

    private final String procedure;

    RegistrationRefusedHandler(String procedure) {
        this.procedure = procedure;
    }

    @Override
    public Boolean handle(NfsCaller caller, PortMapping mapping, NfsListener listener) {
        LOG.fine(() -> "refused " + procedure + " of " + mapping + " from " + caller.client());
        return Boolean.FALSE;
    }
}
