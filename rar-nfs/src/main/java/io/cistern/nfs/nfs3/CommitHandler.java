package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Commit3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsListener;

/**
 * NFSPROC3_COMMIT (RFC 1813 section 3.3.21). A count beyond what the listener's int holds becomes 0, "to the end of
 * the file": committing more than asked is always correct, committing less never is.
 */
final class CommitHandler implements ProcedureHandler<Commit3Args, NfsCommitReply> {
    @Override
    public NfsCommitReply handle(NfsCaller caller, Commit3Args args, NfsListener listener) {
        int count = args.count() > Integer.MAX_VALUE ? 0 : (int) args.count();
        return listener.commit(caller, args.file(), args.offset(), count);
    }
}
