package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;

/**
 * One procedure of an RPC program: its number, its argument and result codecs, and its handler.
 *
 * @param number        procedure number
 * @param name          for logs
 * @param arguments     decodes the call's arguments
 * @param results       encodes the reply's results
 * @param handler       runs the procedure
 * @param replayReplies the procedure is not idempotent: a retransmission gets the first reply from the
 *                      {@link ReplyCache} instead of running again
 */
public record RpcProcedure<A, R>(int number, String name, XdrDecoder<A> arguments, XdrEncoder<R> results,
                                 ProcedureHandler<A, R> handler, boolean replayReplies) {

    /** An idempotent procedure: running it again answers the same. */
    public RpcProcedure(int number, String name, XdrDecoder<A> arguments, XdrEncoder<R> results,
                        ProcedureHandler<A, R> handler) {
        this(number, name, arguments, results, handler, false);
    }

    /** The same procedure, its replies kept for retransmissions. */
    public RpcProcedure<A, R> replayingReplies() {
        return new RpcProcedure<>(number, name, arguments, results, handler, true);
    }
}
