package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.nlm.wire.Nlm4TestRes;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** NLMPROC4_TEST (XNFS chapter 14), fcntl F_GETLK on the client. */
final class TestHandler implements ProcedureHandler<Nlm4TestArgs, Nlm4TestRes> {
    @Override
    public Nlm4TestRes handle(NfsCaller caller, Nlm4TestArgs args, NfsListener listener) {
        return new Nlm4TestRes(args.cookie(), listener.nlmTest(caller, args.lock(), args.exclusive()));
    }
}
