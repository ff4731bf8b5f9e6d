package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.MyId;
import io.cistern.nfs.nsm.wire.SmStat;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** SM_UNMON_ALL (XNFS chapter 11): a local lock manager restarting; as with UNMON there is nothing to stop. */
final class UnmonAllHandler implements ProcedureHandler<MyId, SmStat> {
    private final NsmState state;

    UnmonAllHandler(NsmState state) {
        this.state = state;
    }

    @Override
    public SmStat handle(NfsCaller caller, MyId myId, NfsListener listener) {
        return new SmStat(state.number());
    }
}
