package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Create3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_CREATE (RFC 1813 section 3.3.8). */
final class CreateHandler implements ProcedureHandler<Create3Args, NfsCreateReply> {
    @Override
    public NfsCreateReply handle(NfsCaller caller, Create3Args args, NfsListener listener) {
        return listener.create(caller, args.where().directory(), args.where().name(), args.mode(), args.attributes(),
                args.verifier());
    }
}
