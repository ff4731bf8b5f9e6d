package io.cistern.nfs.nsm;

import io.cistern.nfs.nsm.wire.MonId;
import io.cistern.nfs.nsm.wire.SmStat;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;

/** SM_UNMON (XNFS chapter 11): nothing is monitored, so nothing stops; the answer is the state number. */
final class UnmonHandler implements ProcedureHandler<MonId, SmStat> {
    @Override
    public SmStat handle(NfsCaller caller, MonId monId, NfsListener listener) {
        return new SmStat(listener.nsmState());
    }
}
