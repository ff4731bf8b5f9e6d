package io.cistern.nfs.nfs3;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_NULL (RFC 1813 section 3.3.0): does no work, but goes through the application so it proves the path. */
final class NfsNullHandler implements ProcedureHandler<Void, Void> {
    @Override
    public Void handle(NfsCaller caller, Void arguments, NfsListener listener) {
        listener.ping(caller);
        return null;
    }
}
