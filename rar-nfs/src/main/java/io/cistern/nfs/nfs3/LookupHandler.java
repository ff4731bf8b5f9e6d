package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.DirOpArgs3;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsLookupReply;

/** NFSPROC3_LOOKUP (RFC 1813 section 3.3.3). */
final class LookupHandler implements ProcedureHandler<DirOpArgs3, NfsLookupReply> {
    @Override
    public NfsLookupReply handle(NfsCaller caller, DirOpArgs3 what, NfsListener listener) {
        return listener.lookup(caller, what.directory(), what.name());
    }

    @Override
    public NfsLookupReply handleInMemory(NfsCaller caller, DirOpArgs3 what, NfsListener listener) {
        return listener.lookupInMemory(caller, what.directory(), what.name());
    }
}
