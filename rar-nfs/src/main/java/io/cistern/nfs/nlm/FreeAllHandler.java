package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4Notify;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * NLMPROC4_FREE_ALL (XNFS chapter 14): a client host restarted, so nothing it held before is held any more. Sent by
 * clients without a status monitor in place of SM_NOTIFY; the state number is not passed on (the SPI has none).
 */
final class FreeAllHandler implements ProcedureHandler<Nlm4Notify, Void> {
    @Override
    public Void handle(NfsCaller caller, Nlm4Notify notify, NfsListener listener) {
        listener.nlmFreeAll(caller, notify.name());
        return null;
    }
}
