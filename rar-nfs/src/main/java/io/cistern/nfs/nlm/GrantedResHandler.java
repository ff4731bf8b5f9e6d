package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * NLMPROC4_GRANTED_RES: a client's answer to the adapter's GRANTED_MSG. Anything but GRANTED means the client did
 * not take the lock (it stopped waiting), and the lock is released again; see {@link GrantDelivery}.
 */
final class GrantedResHandler implements ProcedureHandler<Nlm4Res, Void> {
    private final NlmCallbacks callbacks;

    GrantedResHandler(NlmCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public Void handle(NfsCaller caller, Nlm4Res answer, NfsListener listener) {
        callbacks.grantAnswered(caller, answer);
        return null;
    }
}
