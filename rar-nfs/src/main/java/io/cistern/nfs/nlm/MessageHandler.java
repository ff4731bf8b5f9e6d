package io.cistern.nfs.nlm;

import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.xdr.XdrEncoder;

/**
 * A _MSG procedure (XNFS chapter 14, "asynchronous procedures"): the same operation as its synchronous twin, but the
 * RPC returns void at once and the result travels as a call of the matching _RES procedure to the client's lock
 * manager. The void reply leaves after this returns; the _RES goes out asynchronously, typically later, since it
 * first has to find the client's lock manager.
 */
final class MessageHandler<A, R> implements ProcedureHandler<A, Void> {
    private final ProcedureHandler<A, R> operation;
    private final int resultProcedure;
    private final XdrEncoder<R> resultEncoder;
    private final NlmCallbacks callbacks;

    MessageHandler(ProcedureHandler<A, R> operation, int resultProcedure, XdrEncoder<R> resultEncoder,
                   NlmCallbacks callbacks) {
        this.operation = operation;
        this.resultProcedure = resultProcedure;
        this.resultEncoder = resultEncoder;
        this.callbacks = callbacks;
    }

    @Override
    public Void handle(NfsCaller caller, A arguments, NfsListener listener) {
        R result = operation.handle(caller, arguments, listener);
        callbacks.sendResult(caller, resultProcedure, resultEncoder, result);
        return null;
    }
}
