package io.cistern.nfs.nlm.client;

import java.util.concurrent.CompletableFuture;

/**
 * Calls that the adapter makes itself: the callbacks of NLM to a client's lock manager and the portmapper
 * queries that find it. Asynchronous, because they start on request workers and event loops, neither of which
 * may wait for a client that is slow or gone.
 */
public interface RpcClient {

    /**
     * Sends one call with already encoded {@code arguments}. Completes with the bytes of the results of a SUCCESS
     * reply; exceptionally with {@link RpcCallFailed} for any other reply, or with the transport's failure, or with
     * a {@link java.util.concurrent.TimeoutException} after {@code timeoutMillis}. Never retransmits: retrying is
     * the caller's policy.
     */
    CompletableFuture<byte[]> call(RpcEndpoint server, int program, int version, int procedure, byte[] arguments,
                                   long timeoutMillis);
}
