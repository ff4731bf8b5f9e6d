package io.cistern.nfs.ra;

import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.portmap.PortmapRegistry;
import io.cistern.nfs.rpc.RequestExecutor;
import jakarta.resource.ResourceException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The optional portmapper: one port, TCP and UDP, bound and closed together. Both are needed: mount.nfs asks
 * over UDP for MOUNT over UDP, and a portmapper that does not answer there ends the mount instead of letting
 * it go on to TCP. Its calls run on the event loop itself, not on the request workers: answering from its table
 * (and taking local registrations into it) needs no application, and a lookup must not wait behind slow file
 * operations.
 */
final class PortmapperServer {
    private static final Logger LOG = Logger.getLogger(PortmapperServer.class.getName());
    private static final String NAME = "portmapper";

    /** Runs a portmapper call where it arrives; a failure is logged and answered SYSTEM_ERR, never thrown at the socket. */
    private static final RequestExecutor ON_EVENT_LOOP = task -> {
        try {
            task.accept(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "portmapper call failed", e);
        }
        return true;
    };

    private final NfsTcpServer tcp;
    private final RpcUdpServer udp;

    private PortmapperServer(NfsTcpServer tcp, RpcUdpServer udp) {
        this.tcp = tcp;
        this.udp = udp;
    }

    static PortmapperServer bind(EventLoops loops, String bindAddress, int port, PortmapRegistry registry,
                                 long timeoutMillis) throws ResourceException {
        NfsTcpServer tcp = NfsTcpServer.bind(NAME, loops.group(), loops.serverChannelType(), bindAddress, port,
                Map.of(PortmapProgram.PROGRAM, PortmapProgram.forStream(registry)), ON_EVENT_LOOP, timeoutMillis);
        try {
            RpcUdpServer udp = RpcUdpServer.bind(NAME, loops.group(), loops.datagramChannelType(), bindAddress, port,
                    Map.of(PortmapProgram.PROGRAM, PortmapProgram.forDatagrams(registry)), ON_EVENT_LOOP, timeoutMillis);
            return new PortmapperServer(tcp, udp);
        } catch (ResourceException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    String address() {
        return tcp.address();
    }

    void close() {
        udp.close();
        tcp.close();
    }
}
