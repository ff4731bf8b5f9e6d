package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.StatChge;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * SM_NOTIFY (XNFS chapter 11): a client host restarted (its sm-notify tells every server it had locks with), so
 * every lock and share it held is gone on its side and must go here, or its processes would find their own old
 * locks in the way. Like any NSM, this trusts the message: NSM has no way to authenticate a restart.
 */
final class NotifyHandler implements ProcedureHandler<StatChge, Void> {
    @Override
    public Void handle(NfsCaller caller, StatChge change, NfsListener listener) {
        listener.nlmFreeAll(caller, change.monName());
        return null;
    }
}
