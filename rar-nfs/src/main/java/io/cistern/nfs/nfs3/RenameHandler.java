package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Rename3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsRenameReply;

/** NFSPROC3_RENAME (RFC 1813 section 3.3.14). */
final class RenameHandler implements ProcedureHandler<Rename3Args, NfsRenameReply> {
    @Override
    public NfsRenameReply handle(NfsCaller caller, Rename3Args args, NfsListener listener) {
        return listener.rename(caller, args.from().directory(), args.from().name(), args.to().directory(),
                args.to().name());
    }
}
