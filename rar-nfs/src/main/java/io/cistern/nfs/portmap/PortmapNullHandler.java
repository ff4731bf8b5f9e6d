package io.cistern.nfs.portmap;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * PMAPPROC_NULL (RFC 1833 section 3.2): unlike the NULL of NFS and MOUNT it does not reach the application;
 * the portmapper answers from its table alone, so that is all a ping of it can prove.
 */
final class PortmapNullHandler implements ProcedureHandler<Void, Void> {
    @Override
    public Void handle(NfsCaller caller, Void arguments, NfsListener listener) {
        return null;
    }
}
