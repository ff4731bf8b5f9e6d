package io.cistern.nfs.nfs3;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_FSSTAT (RFC 1813 section 3.3.18). */
final class FsstatHandler implements ProcedureHandler<byte[], NfsFsStatReply> {
    @Override
    public NfsFsStatReply handle(NfsCaller caller, byte[] fsroot, NfsListener listener) {
        return listener.fsstat(caller, fsroot);
    }
}
