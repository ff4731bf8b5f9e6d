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
    /** What the adapter serves and where, as the activation configured it ({@code port} 0: the kernel's choice). */
    record Config(EventLoops loops, String bindAddress, int port, int portmapperPort, Map<Integer, RpcProgram> overTcp,
                  Map<Integer, RpcProgram> overUdp, MountTable mounts, RequestExecutor executor, long timeoutMillis) {
    }

    private final Config config;
    /** The RPC port of the first bind, which every later bind takes again. */
    private final int port;
    private final String address;
    private volatile RpcPortListeners server;
    private volatile PortmapperServer portmapper;

    private NfsListenerSockets(Config config, RpcPortListeners server, PortmapperServer portmapper) {
        this.config = config;
        this.server = server;
        this.portmapper = portmapper;
        this.port = server.port();
        this.address = server.address();
    }

    /** Binds everything for the first time; a failure leaves nothing bound. */
    static NfsListenerSockets bind(Config config) throws ResourceException {
        RpcPortListeners server = bindRpcPort(config, config.port());
        try {
            return new NfsListenerSockets(config, server, bindPortmapper(config, server.port()));
        } catch (ResourceException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static RpcPortListeners bindRpcPort(Config config, int port) throws ResourceException {
        return RpcPortListeners.bind(config.loops(), config.bindAddress(), port, config.overTcp(), config.overUdp(),
                config.executor(), config.timeoutMillis());
    }

    /** The portmapper naming {@code rpcPort}, or null when it is off. */
    private static PortmapperServer bindPortmapper(Config config, int rpcPort) throws ResourceException {
        if (config.portmapperPort() == 0) {
            return null;
        }
        PortmapRegistry registry = PortmapRegistry.of(config.portmapperPort(), rpcPort, config.overTcp().values(),
                config.overUdp().values());
        return PortmapperServer.bind(config.loops(), config.bindAddress(), config.portmapperPort(), registry,
                config.timeoutMillis());
    }

    /** The RPC port first, then the portmapper that names it; a failure leaves nothing bound. */
    @Override
    public void open() throws ResourceException {
        RpcPortListeners reopened = bindRpcPort(config, port);
        try {
            portmapper = bindPortmapper(config, port);
        } catch (ResourceException | RuntimeException e) {
            reopened.close();
            throw e;
        }
        server = reopened;
    }

    /** The portmapper first, so that nobody is sent to a port about to close. */
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
        return server.clients(config.mounts()::pathsOf);
    }
}
