package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4CancArgs;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NLMPROC4_CANCEL (XNFS chapter 14): the client gave up waiting (a signal interrupted its blocking fcntl). */
final class CancelHandler implements ProcedureHandler<Nlm4CancArgs, Nlm4Res> {
    @Override
    public Nlm4Res handle(NfsCaller caller, Nlm4CancArgs args, NfsListener listener) {
        return new Nlm4Res(args.cookie(), listener.nlmCancel(caller, args.lock(), args.exclusive()));
    }
}
