package io.cistern.nfs.nfs3;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsPathconfReply;

/** NFSPROC3_PATHCONF (RFC 1813 section 3.3.20). */
final class PathconfHandler implements ProcedureHandler<byte[], NfsPathconfReply> {
    @Override
    public NfsPathconfReply handle(NfsCaller caller, byte[] object, NfsListener listener) {
        return listener.pathconf(caller, object);
    }
}
