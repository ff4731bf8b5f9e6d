package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Write3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsWriteReply;
import java.nio.ByteBuffer;

/** NFSPROC3_WRITE (RFC 1813 section 3.3.7). The arguments' codec has already refused inconsistent or oversized data. */
final class WriteHandler implements ProcedureHandler<Write3Args, NfsWriteReply> {
    @Override
    public NfsWriteReply handle(NfsCaller caller, Write3Args args, NfsListener listener) {
        return listener.write(caller, args.file(), args.offset(), ByteBuffer.wrap(args.data()), args.stable());
    }
}
