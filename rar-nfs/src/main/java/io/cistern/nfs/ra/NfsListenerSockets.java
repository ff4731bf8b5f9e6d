package io.cistern.nfs.ra;

import io.cistern.nfs.mount.MountTable;
import io.cistern.nfs.portmap.PortmapRegistry;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.spi.NfsClientConnection;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.Map;

/**
 * Every socket of the NFS adapter as one switch ({@link ListenerSwitch}): the RPC port (NFS, MOUNT, NLM, NSM over
 * TCP, NLM and NSM over UDP) and, when configured, the portmapper (TCP and UDP). Off closes the portmapper first, so
 * that nobody is sent to a port that is about to close, and then the RPC port with its connections; on binds the
 * RPC port on the number of its first bind (the kernel's choice, if that was 0) and then the portmapper, whose
 * registrations name that port again. The programs, and with them the mount list and the lock callbacks, live as
 * long as the activation: locks granted before an off are still the application's after it.
 */
final class NfsListenerSockets implements ListenerSwitch.Sockets {
    private final EventLoops loops;
    private final String bindAddress;
    private final Map<Integer, RpcProgram> overTcp;
    private final Map<Integer, RpcProgram> overUdp;
    private final RequestExecutor executor;
    private final int portmapperPort;
    private final long timeoutMillis;
    private final MountTable mounts;
    private final int port;
    private final String address;
    private volatile RpcPortListeners server;
    private volatile PortmapperServer portmapper;

    /** What the adapter serves and where, as the activation configured it. */
    record Config(EventLoops loops, String bindAddress, int port, int portmapperPort, Map<Integer, RpcProgram> overTcp,
                  Map<Integer, RpcProgram> overUdp, MountTable mounts, RequestExecutor executor, long timeoutMillis) {
    }

    private NfsListenerSockets(Config config, RpcPortListeners server, PortmapperServer portmapper) {
        this.loops = config.loops();
        this.bindAddress = config.bindAddress();
        this.overTcp = config.overTcp();
        this.overUdp = config.overUdp();
        this.executor = config.executor();
        this.portmapperPort = config.portmapperPort();
        this.timeoutMillis = config.timeoutMillis();
        this.mounts = config.mounts();
        this.server = server;
        this.portmapper = portmapper;
        this.port = server.port();
        this.address = server.address();
    }

    /** Binds everything for the first time; a failure leaves nothing bound. */
    static NfsListenerSockets bind(Config config) throws ResourceException {
        RpcPortListeners server = RpcPortListeners.bind(config.loops(), config.bindAddress(), config.port(),
                config.overTcp(), config.overUdp(), config.executor(), config.timeoutMillis());
        try {
            return new NfsListenerSockets(config, server, bindPortmapper(config, server.port()));
        } catch (ResourceException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The portmapper for the RPC port, or null when it is off. */
    private static PortmapperServer bindPortmapper(Config config, int rpcPort) throws ResourceException {
        if (config.portmapperPort() == 0) {
            return null;
        }
        PortmapRegistry registry = PortmapRegistry.of(config.portmapperPort(), rpcPort, config.overTcp().values(),
                config.overUdp().values());
        return PortmapperServer.bind(config.loops(), config.bindAddress(), config.portmapperPort(), registry,
                config.timeoutMillis());
    }

    @Override
    public void open() throws ResourceException {
        RpcPortListeners reopened = RpcPortListeners.bind(loops, bindAddress, port, overTcp, overUdp, executor,
                timeoutMillis);
        try {
            portmapper = bindPortmapper(new Config(loops, bindAddress, port, portmapperPort, overTcp, overUdp, mounts,
                    executor, timeoutMillis), port);
        } catch (ResourceException | RuntimeException e) {
            reopened.close();
            throw e;
        }
        server = reopened;
    }

    @Override
    public void close() {
        if (portmapper != null) {
            portmapper.close();
        }
        server.close();
    }

    /** The RPC port's address as host:port, also while closed. */
    String address() {
        return address;
    }

    /** The portmapper's address, or null when it is off. */
    String portmapperAddress() {
        return portmapper == null ? null : portmapper.address();
    }

    /** Open TCP connections of the RPC port (none while closed). */
    int connectionCount() {
        return server.connectionCount();
    }

    List<NfsClientConnection> clients() {
        return server.clients(mounts::pathsOf);
    }
}
