package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Write3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsWriteReply;

/**
 * NFSPROC3_WRITE (RFC 1813 section 3.3.7). The arguments' codec has already refused inconsistent or oversized data.
 * The application gets a view of the received bytes, not a copy; it keeps none of it past the call (as
 * {@link NfsListener#write} says), so the RPC layer releases the bytes afterwards.
 */
final class WriteHandler implements ProcedureHandler<Write3Args, NfsWriteReply> {
    @Override
    public NfsWriteReply handle(NfsCaller caller, Write3Args args, NfsListener listener) {
        return listener.write(caller, args.file(), args.offset(), args.data().nioBuffer(), args.stable());
    }
}
