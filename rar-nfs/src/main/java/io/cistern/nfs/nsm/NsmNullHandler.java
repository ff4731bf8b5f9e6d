package io.cistern.nfs.nsm;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** SM_NULL: answered by the adapter alone, like every NSM procedure but NOTIFY, which is all it can prove. */
final class NsmNullHandler implements ProcedureHandler<Void, Void> {
    @Override
    public Void handle(NfsCaller caller, Void arguments, NfsListener listener) {
        return null;
    }
}
