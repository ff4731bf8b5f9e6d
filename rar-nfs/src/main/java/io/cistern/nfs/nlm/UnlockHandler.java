package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4UnlockArgs;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NLMPROC4_UNLOCK (XNFS chapter 14). */
final class UnlockHandler implements ProcedureHandler<Nlm4UnlockArgs, Nlm4Res> {
    @Override
    public Nlm4Res handle(NfsCaller caller, Nlm4UnlockArgs args, NfsListener listener) {
        return new Nlm4Res(args.cookie(), listener.nlmUnlock(caller, args.lock()));
    }
}
