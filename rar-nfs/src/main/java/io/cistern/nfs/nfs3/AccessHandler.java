package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Access3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_ACCESS (RFC 1813 section 3.3.4). */
final class AccessHandler implements ProcedureHandler<Access3Args, NfsAccessReply> {
    @Override
    public NfsAccessReply handle(NfsCaller caller, Access3Args args, NfsListener listener) {
        return listener.access(caller, args.object(), args.access());
    }

    @Override
    public NfsAccessReply handleInMemory(NfsCaller caller, Access3Args args, NfsListener listener) {
        return listener.accessInMemory(caller, args.object(), args.access());
    }
}
