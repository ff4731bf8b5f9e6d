package io.cistern.nfs.nsm;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** SM_NULL: answered by the adapter alone; it proves only that the program is there. */
final class NsmNullHandler implements ProcedureHandler<Void, Void> {
    @Override
    public Void handle(NfsCaller caller, Void arguments, NfsListener listener) {
        return null;
    }
}
