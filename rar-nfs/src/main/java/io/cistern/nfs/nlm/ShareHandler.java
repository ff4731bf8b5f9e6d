package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4ShareArgs;
import io.cistern.nfs.nlm.wire.Nlm4ShareRes;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NLMPROC4_SHARE (XNFS chapter 14): DOS share modes from PC-NFS-style clients, which SMB enforces too. */
final class ShareHandler implements ProcedureHandler<Nlm4ShareArgs, Nlm4ShareRes> {
    @Override
    public Nlm4ShareRes handle(NfsCaller caller, Nlm4ShareArgs args, NfsListener listener) {
        return new Nlm4ShareRes(args.cookie(), listener.nlmShare(caller, args.share(), args.reclaim()), 0);
    }
}
