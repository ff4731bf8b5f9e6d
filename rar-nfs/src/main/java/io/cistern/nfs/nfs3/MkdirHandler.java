package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Mkdir3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_MKDIR (RFC 1813 section 3.3.9). */
final class MkdirHandler implements ProcedureHandler<Mkdir3Args, NfsCreateReply> {
    @Override
    public NfsCreateReply handle(NfsCaller caller, Mkdir3Args args, NfsListener listener) {
        return listener.mkdir(caller, args.where().directory(), args.where().name(), args.attributes());
    }
}
