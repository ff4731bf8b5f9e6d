package io.cistern.nfs.rpc;

import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;

/**
 * One procedure of an RPC program: its number, its argument and result codecs, and its handler.
 *
 * @param number    procedure number
 * @param name      for logs
 * @param arguments decodes the call's arguments
 * @param results   encodes the reply's results
 * @param handler   runs the procedure
 */
public record RpcProcedure<A, R>(int number, String name, XdrDecoder<A> arguments, XdrEncoder<R> results,
                                 ProcedureHandler<A, R> handler) {
}
