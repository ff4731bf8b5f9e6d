package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.FsinfoResult;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsListener;

/**
 * NFSPROC3_FSINFO (RFC 1813 section 3.3.19). The application says what the file system is; the transfer sizes are
 * the adapter's {@link Nfs3Limits}, since it is the adapter that refuses anything larger.
 */
final class FsinfoHandler implements ProcedureHandler<byte[], FsinfoResult> {
    @Override
    public FsinfoResult handle(NfsCaller caller, byte[] fsroot, NfsListener listener) {
        NfsFsInfoReply reply = listener.fsinfo(caller, fsroot);
        return new FsinfoResult(reply, Nfs3Limits.MAX_TRANSFER, Nfs3Limits.MAX_TRANSFER, Nfs3Limits.TRANSFER_MULTIPLE,
                Nfs3Limits.MAX_TRANSFER, Nfs3Limits.MAX_TRANSFER, Nfs3Limits.TRANSFER_MULTIPLE,
                Nfs3Limits.PREFERRED_READDIR_BYTES);
    }
}
