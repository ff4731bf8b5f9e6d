package io.cistern.nfs.ra;

import io.cistern.nfs.rpc.ReplyCache;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.spi.NfsClientConnection;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The adapter's RPC port, one number for two transports: every program over TCP, and the lock programs (NLM, NSM)
 * also over UDP, because Linux lockd, sm-notify and older clients send those as datagrams. NFS and MOUNT stay off
 * UDP: a WRITE does not fit a datagram worth sending, and the portmapper tells clients so.
 * <p>
 * TCP binds first; UDP then takes the same number. With port 0 the kernel picks a number free for TCP only, so
 * should UDP find it taken, both are tried again on a new number a few times.
 */
final class RpcPortListeners {
    private static final int EPHEMERAL_ATTEMPTS = 5;
    /** NLM's non-idempotent calls over UDP; fewer than over TCP, since only lock traffic comes this way. */
    private static final int UDP_REPLY_CACHE_ENTRIES = 1024;

    private final NfsTcpServer tcp;
    private final RpcUdpServer udp;

    private RpcPortListeners(NfsTcpServer tcp, RpcUdpServer udp) {
        this.tcp = tcp;
        this.udp = udp;
    }

    static RpcPortListeners bind(EventLoops loops, String bindAddress, int port, Map<Integer, RpcProgram> overTcp,
                                 Map<Integer, RpcProgram> overUdp, RequestExecutor executor, long timeoutMillis)
            throws ResourceException {
        for (int attempt = 1; ; attempt++) {
            NfsTcpServer tcp = NfsTcpServer.bind(loops.group(), loops.serverChannelType(), bindAddress, port, overTcp,
                    executor, timeoutMillis);
            try {
                ReplyCache replies = new ReplyCache(UDP_REPLY_CACHE_ENTRIES, NfsTcpServer.REPLY_CACHE_AGE.toNanos());
                RpcUdpServer udp = RpcUdpServer.bind("NLM", loops.group(), loops.datagramChannelType(), bindAddress,
                        tcp.port(), overUdp, executor, replies, timeoutMillis);
                return new RpcPortListeners(tcp, udp);
            } catch (ResourceException | RuntimeException e) {
                tcp.close();
                if (port != 0 || attempt == EPHEMERAL_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    String address() {
        return tcp.address();
    }

    int port() {
        return tcp.port();
    }

    /** Open TCP connections (UDP has none). */
    int connectionCount() {
        return tcp.connectionCount();
    }

    /** The TCP connections with who they are ({@link NfsTcpServer#clients}). */
    List<NfsClientConnection> clients(Function<String, List<String>> exportsOf) {
        return tcp.clients(exportsOf);
    }

    /** UDP first, so that no datagram is answered once the TCP side is gone. */
    void close() {
        udp.close();
        tcp.close();
    }
}
