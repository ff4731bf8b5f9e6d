package io.cistern.nfs.nfs3;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_GETATTR (RFC 1813 section 3.3.1). */
final class GetattrHandler implements ProcedureHandler<byte[], NfsAttrReply> {
    @Override
    public NfsAttrReply handle(NfsCaller caller, byte[] handle, NfsListener listener) {
        return listener.getattr(caller, handle);
    }

    @Override
    public NfsAttrReply handleInMemory(NfsCaller caller, byte[] handle, NfsListener listener) {
        return listener.getattrInMemory(caller, handle);
    }
}
