package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.MyId;
import io.cistern.nfs.nsm.wire.SmStat;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/**
 * SM_UNMON_ALL (XNFS chapter 11): a lock manager on this host restarting; as with UNMON there is nothing to stop. It
 * concerns the hosts that lock manager watches, not the clients of this server, so the application's list of those
 * stays as it is.
 */
final class UnmonAllHandler implements ProcedureHandler<MyId, SmStat> {
    @Override
    public SmStat handle(NfsCaller caller, MyId myId, NfsListener listener) {
        return new SmStat(listener.nsmState());
    }
}
