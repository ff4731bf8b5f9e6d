package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Symlink3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_SYMLINK (RFC 1813 section 3.3.10). */
final class SymlinkHandler implements ProcedureHandler<Symlink3Args, NfsCreateReply> {
    @Override
    public NfsCreateReply handle(NfsCaller caller, Symlink3Args args, NfsListener listener) {
        return listener.symlink(caller, args.where().directory(), args.where().name(), args.attributes(),
                args.target());
    }
}
