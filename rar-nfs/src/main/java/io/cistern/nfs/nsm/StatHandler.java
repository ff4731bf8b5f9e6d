package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.SmName;
import io.cistern.nfs.nsm.wire.SmStatRes;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * SM_STAT (XNFS chapter 11): how clients learn this server's state number, whatever host they name. The number is
 * the application's, which keeps it across restarts.
 */
final class StatHandler implements ProcedureHandler<SmName, SmStatRes> {
    @Override
    public SmStatRes handle(NfsCaller caller, SmName name, NfsListener listener) {
        return new SmStatRes(true, listener.nsmState());
    }
}
