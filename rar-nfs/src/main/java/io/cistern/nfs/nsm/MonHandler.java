package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.Mon;
import io.cistern.nfs.nsm.wire.SmStatRes;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import java.net.InetAddress;
import java.util.logging.Logger;

/**
 * SM_MON (XNFS chapter 11): a lock manager on this host asking to be told when another host restarts. The adapter
 * monitors nobody on anyone's behalf, yet answers a local caller STAT_SUCC: a lock manager whose SM_MON fails refuses
 * its own locks (Linux lockd: ENOLCK), so refusing would break locking on this host outright, while success only
 * leaves it unaware of restarts it believes are watched. That trade is documented rather than hidden. Remote callers
 * get STAT_FAIL, as rpc.statd gives them: monitoring is a service for the local host only.
 */
final class MonHandler implements ProcedureHandler<Mon, SmStatRes> {
    private static final Logger LOG = Logger.getLogger(MonHandler.class.getName());

    @Override
    public SmStatRes handle(NfsCaller caller, Mon mon, NfsListener listener) {
        InetAddress from = caller.client().getAddress();
        boolean local = from != null && from.isLoopbackAddress();
        if (!local) {
            LOG.fine(() -> "refused SM_MON of " + mon.monId().monName() + " from " + caller.client());
        }
        return new SmStatRes(local, listener.nsmState());
    }
}
