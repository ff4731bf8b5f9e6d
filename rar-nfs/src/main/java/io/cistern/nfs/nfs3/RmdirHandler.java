package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.DirOpArgs3;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsWccReply;

/** NFSPROC3_RMDIR (RFC 1813 section 3.3.13). */
final class RmdirHandler implements ProcedureHandler<DirOpArgs3, NfsWccReply> {
    @Override
    public NfsWccReply handle(NfsCaller caller, DirOpArgs3 object, NfsListener listener) {
        return listener.rmdir(caller, object.directory(), object.name());
    }
}
