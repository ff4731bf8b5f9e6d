package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4ShareArgs;
import io.cistern.nfs.nlm.wire.Nlm4ShareRes;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NLMPROC4_UNSHARE (XNFS chapter 14). */
final class UnshareHandler implements ProcedureHandler<Nlm4ShareArgs, Nlm4ShareRes> {
    @Override
    public Nlm4ShareRes handle(NfsCaller caller, Nlm4ShareArgs args, NfsListener listener) {
        return new Nlm4ShareRes(args.cookie(), listener.nlmUnshare(caller, args.share()), 0);
    }
}
