package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Read3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsReadReply;

/**
 * NFSPROC3_READ (RFC 1813 section 3.3.6). A client may ask for up to 4 GiB; the adapter asks the application for
 * at most {@link Nfs3Limits#MAX_TRANSFER}, the rtmax it announced, and the RFC lets a read return less than asked.
 */
final class ReadHandler implements ProcedureHandler<Read3Args, NfsReadReply> {
    @Override
    public NfsReadReply handle(NfsCaller caller, Read3Args args, NfsListener listener) {
        int count = (int) Math.min(args.count(), Nfs3Limits.MAX_TRANSFER);
        return listener.read(caller, args.file(), args.offset(), count);
    }

    @Override
    public NfsReadReply handleInMemory(NfsCaller caller, Read3Args args, NfsListener listener) {
        int count = (int) Math.min(args.count(), Nfs3Limits.MAX_TRANSFER);
        return listener.readInMemory(caller, args.file(), args.offset(), count);
    }
}
