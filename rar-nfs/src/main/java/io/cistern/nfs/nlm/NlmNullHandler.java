package io.cistern.nfs.nlm;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NLMPROC4_NULL: through the application, like NFS's NULL, so that "rpcinfo -t host nlockmgr 4" proves the path. */
final class NlmNullHandler implements ProcedureHandler<Void, Void> {
    @Override
    public Void handle(NfsCaller caller, Void arguments, NfsListener listener) {
        listener.ping(caller);
        return null;
    }
}
