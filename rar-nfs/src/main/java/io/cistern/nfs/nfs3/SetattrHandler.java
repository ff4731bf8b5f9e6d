package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Setattr3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsWccReply;

/** NFSPROC3_SETATTR (RFC 1813 section 3.3.2). */
final class SetattrHandler implements ProcedureHandler<Setattr3Args, NfsWccReply> {
    @Override
    public NfsWccReply handle(NfsCaller caller, Setattr3Args args, NfsListener listener) {
        return listener.setattr(caller, args.object(), args.newAttributes(), args.guardCtimeNanos());
    }
}
