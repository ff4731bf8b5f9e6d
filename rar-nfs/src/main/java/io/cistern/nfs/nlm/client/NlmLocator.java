package io.cistern.nfs.nlm.client;

import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.portmap.wire.PortMapping;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Finds a client's own RPC service (its lock manager, for callbacks) the way every NLM server does: by asking the
 * portmapper on the client's host, PMAPPROC_GETPORT (RFC 1833 section 3.2). TCP is preferred, because a GRANTED
 * lost in a datagram looks like an unreachable client and costs the lock; UDP is asked for when TCP is not
 * registered. The query itself goes over UDP: one small datagram each way, what libtirpc's pmap_getport does.
 */
public final class NlmLocator {
    private final RpcClient rpc;
    private final int portmapperPort;

    /** {@code portmapperPort}: 111 in the wild; tests point it at a portmapper of their own. */
    public NlmLocator(RpcClient rpc, int portmapperPort) {
        this.rpc = rpc;
        this.portmapperPort = portmapperPort;
    }

    /** Completes with where {@code program} {@code version} listens on {@code host}, or fails with {@link NotRegistered}. */
    public CompletableFuture<RpcEndpoint> locate(InetAddress host, int program, int version, long timeoutMillis) {
        return getport(host, program, version, RpcTransport.TCP, timeoutMillis).thenCompose(tcp -> {
            if (tcp != 0) {
                return CompletableFuture.completedFuture(new RpcEndpoint(new InetSocketAddress(host, tcp), RpcTransport.TCP));
            }
            return getport(host, program, version, RpcTransport.UDP, timeoutMillis).thenApply(udp -> {
                if (udp == 0) {
                    throw new CompletionException(new NotRegistered(host, program, version));
                }
                return new RpcEndpoint(new InetSocketAddress(host, udp), RpcTransport.UDP);
            });
        });
    }

    private CompletableFuture<Integer> getport(InetAddress host, int program, int version, RpcTransport transport,
                                               long timeoutMillis) {
        byte[] query = XdrBytes.encode(new PortMapping(program, version, transport.protocol(), 0)::encode);
        RpcEndpoint portmapper = new RpcEndpoint(new InetSocketAddress(host, portmapperPort), RpcTransport.UDP);
        return rpc.call(portmapper, PortmapProgram.PROGRAM, PortmapProgram.VERSION, PortmapProgram.PROC_GETPORT, query,
                timeoutMillis).thenApply(results -> (int) (long) XdrBytes.decode(results, in -> in.readUnsignedInt()));
    }

    /** The client's portmapper answered, but knows the program over neither transport. */
    public static final class NotRegistered extends Exception {
        private static final long serialVersionUID = 1L;

        NotRegistered(InetAddress host, int program, int version) {
            super("program " + program + " version " + version + " is not registered with the portmapper of "
                    + host.getHostAddress());
        }
    }
}
