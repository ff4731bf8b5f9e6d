package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.wire.Nlm4LockArgs;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NlmGrantCallback;

/**
 * NLMPROC4_LOCK, LOCK_MSG and NM_LOCK (XNFS chapter 14). How a blocked lock is later granted depends on how it was
 * asked for: GRANTED after LOCK, GRANTED_MSG after LOCK_MSG, since a client using the message protocol may not serve
 * the synchronous one. NM_LOCK comes from clients that run no status monitor; XNFS makes it non-blocking, whatever
 * its block flag says, because such a client could never be told about a grant it missed while restarting.
 * <p>
 * A waiting client asks again (Linux re-sends a blocked LOCK every 30 seconds, under a new xid, so the reply cache
 * does not catch it), and each request carries a callback of its own. The application must keep one waiter per owner
 * and range and grant through the latest callback: a second GRANTED for a lock the client already took is answered
 * DENIED, and the adapter then releases the lock the client holds.
 */
final class LockHandler implements ProcedureHandler<Nlm4LockArgs, Nlm4Res> {
    enum Kind { CALL, MESSAGE, UNMONITORED }

    private final NlmCallbacks callbacks;
    private final Kind kind;

    LockHandler(NlmCallbacks callbacks, Kind kind) {
        this.callbacks = callbacks;
        this.kind = kind;
    }

    @Override
    public Nlm4Res handle(NfsCaller caller, Nlm4LockArgs args, NfsListener listener) {
        boolean block = args.block() && kind != Kind.UNMONITORED;
        NlmGrantCallback whenGranted = block
                ? callbacks.grantCallback(caller, kind == Kind.MESSAGE) : NlmCallbacks.NOT_BLOCKING;
        return new Nlm4Res(args.cookie(),
                listener.nlmLock(caller, args.lock(), args.exclusive(), block, args.reclaim(), whenGranted));
    }
}
