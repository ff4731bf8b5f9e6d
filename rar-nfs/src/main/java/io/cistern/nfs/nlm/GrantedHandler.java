package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NlmStatus;

/**
 * NLMPROC4_GRANTED sent to the adapter: a server telling a waiting client. The adapter is only ever a server and
 * waits for no lock, so it answers what a client says of a grant it did not ask for: DENIED, which tells that
 * server to release the lock again rather than hold it for nobody.
 */
final class GrantedHandler implements ProcedureHandler<Nlm4TestArgs, Nlm4Res> {
    @Override
    public Nlm4Res handle(NfsCaller caller, Nlm4TestArgs args, NfsListener listener) {
        return new Nlm4Res(args.cookie(), NlmStatus.DENIED);
    }
}
