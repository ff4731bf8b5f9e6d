package io.cistern.nfs.nfs3;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsReadlinkReply;

/** NFSPROC3_READLINK (RFC 1813 section 3.3.5). */
final class ReadlinkHandler implements ProcedureHandler<byte[], NfsReadlinkReply> {
    @Override
    public NfsReadlinkReply handle(NfsCaller caller, byte[] symlink, NfsListener listener) {
        return listener.readlink(caller, symlink);
    }
}
