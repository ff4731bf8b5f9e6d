package io.cistern.nfs.ra;

import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.mount.MountTable;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.nlm.NlmCallbacks;
import io.cistern.nfs.nlm.NlmProgram;
import io.cistern.nfs.nlm.client.NettyRpcClient;
import io.cistern.nfs.nsm.NsmProgram;
import io.cistern.nfs.nsm.RebootNotifier;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsClientConnection;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The NFS resource adapter. {@link #start} brings up the event loops as container Work; the TCP
 * listener binds when the application's MDB activates and closes when it deactivates. One activation
 * at a time: the MDB is the file system behind every program the adapter serves.
 * <p>
 * With {@code PortmapperPort} set, a portmapper binds and closes with the listener, so that clients that
 * ask one (showmount, rpcinfo, mount without port options) find the programs at the NFS port. Off by
 * default: the usual place, port 111, needs privileges and is often taken by the system's rpcbind.
 * <p>
 * The lock programs, NLM and NSM, share the port with NFS, over UDP as well as TCP. Granting a lock that waited means
 * calling the client back; {@code NlmClientPortmapperPort} is where the adapter asks clients' hosts for their lock
 * manager (111 but in tests), {@code NlmCallbackTimeoutMs} how long a client gets to accept a granted lock before it
 * is released again.
 * <p>
 * Once the listener is up, the clients that held locks before this start are told that the server restarted (NSM
 * SM_NOTIFY, found through the same portmappers), in the background, for at most {@code NsmNotifyTimeoutMs}.
 * <p>
 * In between, the application may switch the adapter off and on ({@link ListenerPoll}, {@link NfsListenerSockets}):
 * off closes every socket (the RPC port over TCP and UDP, the portmapper) and every connection, on binds them again
 * on the same ports. The mount list and the lock state outlive an off. The listener reports LISTENING or DISABLED
 * once the first answer came, and its connections with what is known of each client every 2 s when they changed.
 */
public class NfsResourceAdapter implements ResourceAdapter, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(NfsResourceAdapter.class.getName());
    private static final int QUEUE_PER_WORKER = 1024;
    /** Below this, an attempt to reach a client (a portmapper query and a call) could not even cross a LAN. */
    private static final long MIN_CALLBACK_TIMEOUT_MS = 300;

    private Integer port = 12049;
    private String bindAddress = "0.0.0.0";
    private Integer ioThreads = 2;
    private Integer workers = 8;
    private Long startTimeoutMs = 10_000L;
    private String transport = "auto";
    private Integer portmapperPort = 0;
    private Integer nlmClientPortmapperPort = 111;
    private Long nlmCallbackTimeoutMs = 10_000L;
    private Long nsmNotifyTimeoutMs = 900_000L;

    private transient EventLoops eventLoops;
    private transient jakarta.resource.spi.work.WorkManager workManager;
    private transient Activation activation;

    /** What one MDB activation holds. */
    private record Activation(MessageEndpointFactory factory, EndpointWorkers workers, NlmCallbacks callbacks,
                              RebootNotifier notifier, NfsListenerSockets sockets, ListenerSwitch listenerSwitch,
                              ListenerPoll poll, CounterReports<Connections> connectionReports) {
    }

    /** The programs of one activation, by transport; those over UDP are served over TCP as well. */
    private record Programs(Map<Integer, RpcProgram> overTcp, Map<Integer, RpcProgram> overUdp, MountTable mounts) {
    }

    /** What the application is told about the listener's clients. */
    private record Connections(int open, List<NfsClientConnection> clients) {
        static final Connections NONE = new Connections(0, List.of());

        static Connections of(NfsListenerSockets sockets) {
            return new Connections(sockets.connectionCount(), sockets.clients());
        }
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        if (portmapperPort == null || portmapperPort < 0 || portmapperPort > 65535) {
            throw new ResourceAdapterInternalException("NFS adapter: PortmapperPort must be 0 (off) or a port from 1 to"
                    + " 65535, not " + portmapperPort);
        }
        if (nlmClientPortmapperPort == null || nlmClientPortmapperPort < 1 || nlmClientPortmapperPort > 65535) {
            throw new ResourceAdapterInternalException("NFS adapter: NlmClientPortmapperPort must be a port from 1 to"
                    + " 65535, not " + nlmClientPortmapperPort);
        }
        if (nlmCallbackTimeoutMs == null || nlmCallbackTimeoutMs < MIN_CALLBACK_TIMEOUT_MS) {
            throw new ResourceAdapterInternalException("NFS adapter: NlmCallbackTimeoutMs must be at least "
                    + MIN_CALLBACK_TIMEOUT_MS + ", not " + nlmCallbackTimeoutMs);
        }
        if (nsmNotifyTimeoutMs == null || nsmNotifyTimeoutMs < MIN_CALLBACK_TIMEOUT_MS) {
            throw new ResourceAdapterInternalException("NFS adapter: NsmNotifyTimeoutMs must be at least "
                    + MIN_CALLBACK_TIMEOUT_MS + ", not " + nsmNotifyTimeoutMs);
        }
        workManager = context.getWorkManager();
        eventLoops = EventLoops.start(new WorkManagerExecutor(workManager, "nfs-io"), ioThreads, transport, startTimeoutMs, "NFS");
        LOG.info(() -> "NFS adapter started: " + ioThreads + " I/O threads (" + eventLoops.transportName() + "), "
                + workers + " request workers, listener " + bindAddress + ":" + port
                + (portmapperPort > 0 ? " and portmapper " + bindAddress + ":" + portmapperPort : "") + " open on activation");
    }

    @Override
    public synchronized void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (activation != null) {
            throw new NotSupportedException("the NFS adapter serves one MDB; " + activation.factory().getEndpointClass()
                    + " is already active");
        }
        EndpointWorkers requestWorkers = new EndpointWorkers(workManager, factory, workers, workers * QUEUE_PER_WORKER);
        requestWorkers.start(startTimeoutMs);
        NlmCallbacks callbacks = null;
        RebootNotifier notifier;
        NfsListenerSockets sockets;
        try {
            NettyRpcClient rpc = new NettyRpcClient(eventLoops.group(), eventLoops.socketChannelType(),
                    eventLoops.datagramChannelType(), callbackSource());
            callbacks = new NlmCallbacks(rpc, eventLoops.group(), requestWorkers, nlmClientPortmapperPort,
                    nlmCallbackTimeoutMs);
            notifier = new RebootNotifier(rpc, eventLoops.group(), requestWorkers, nlmClientPortmapperPort,
                    RebootNotifier::localHostName, RebootNotifier.Schedule.within(nsmNotifyTimeoutMs));
            Programs programs = programs(callbacks);
            sockets = NfsListenerSockets.bind(new NfsListenerSockets.Config(eventLoops, bindAddress, port,
                    portmapperPort, programs.overTcp(), programs.overUdp(), programs.mounts(), requestWorkers,
                    startTimeoutMs));
        } catch (ResourceException | RuntimeException e) {
            if (callbacks != null) {
                callbacks.close();
            }
            requestWorkers.stop(startTimeoutMs);
            throw e;
        }
        // the first question goes at once: a listener switched off stays off across restarts
        ListenerSwitch listenerSwitch = new ListenerSwitch("NFS", sockets);
        ListenerPoll poll = ListenerPoll.start(eventLoops.group(), requestWorkers, listenerSwitch,
                state -> new NfsAdapterEvent(NfsAdapterEvent.State.valueOf(state.name()), sockets.address(), Instant.now()));
        CounterReports<Connections> connectionReports = CounterReports.start(eventLoops.group(),
                () -> Connections.of(sockets), connections -> submit(requestWorkers, new NfsAdapterEvent(
                        NfsAdapterEvent.State.CONNECTIONS, sockets.address(), Instant.now(), connections.open(),
                        connections.clients())), Connections.NONE);
        activation = new Activation(factory, requestWorkers, callbacks, notifier, sockets, listenerSwitch, poll,
                connectionReports);
        LOG.info(() -> "NFS listening on " + sockets.address() + " (NLM and NSM also over UDP)"
                + (sockets.portmapperAddress() != null ? ", portmapper on " + sockets.portmapperAddress()
                + " (TCP and UDP)" : ""));
        // only now: a client told of the restart reclaims at once, so the listener must be there to take it
        if (!notifier.start()) {
            LOG.warning("NSM: no request worker took the restart notices; clients that held locks are not told");
        }
    }

    /** Fresh per activation: the mount list and the callbacks live as long as the application. */
    private static Programs programs(NlmCallbacks callbacks) {
        RpcProgram nlm = NlmProgram.create(callbacks);
        RpcProgram nsm = NsmProgram.create();
        MountTable mounts = new MountTable();
        return new Programs(
                Map.of(Nfs3Program.PROGRAM, Nfs3Program.create(), MountProgram.PROGRAM, MountProgram.create(mounts),
                        NlmProgram.PROGRAM, nlm, NsmProgram.PROGRAM, nsm),
                Map.of(NlmProgram.PROGRAM, nlm, NsmProgram.PROGRAM, nsm), mounts);
    }

    /** Callbacks leave from the listener's own address, unless it listens on all of them. */
    private InetAddress callbackSource() throws ResourceException {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            return address.isAnyLocalAddress() ? null : address;
        } catch (UnknownHostException e) {
            throw new ResourceException("NFS adapter: BindAddress " + bindAddress + " is no address: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        if (activation == null || activation.factory() != factory) {
            return;
        }
        Activation ending = activation;
        activation = null;
        ending.poll().stop();
        ending.connectionReports().stop();
        ending.callbacks().close();
        ending.notifier().close();
        ending.listenerSwitch().retire();
        // no STOPPED event: deactivation means the MDB's application is going away, and the container
        // refuses new deliveries by now (Payara logs UnavailableException for every attempt)
        ending.workers().stop(startTimeoutMs);
        LOG.info(() -> "NFS listener on " + ending.sockets().address()
                + (ending.sockets().portmapperAddress() != null ? " and portmapper on "
                + ending.sockets().portmapperAddress() : "") + " closed");
    }

    @Override
    public void stop() {
        if (eventLoops != null) {
            eventLoops.shutdown();
            eventLoops = null;
        }
    }

    private static boolean submit(EndpointWorkers workers, NfsAdapterEvent event) {
        return workers.submit(listener -> listener.adapterEvent(event));
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getBindAddress() { return bindAddress; }
    public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
    public Integer getIoThreads() { return ioThreads; }
    public void setIoThreads(Integer ioThreads) { this.ioThreads = ioThreads; }
    public Integer getWorkers() { return workers; }
    public void setWorkers(Integer workers) { this.workers = workers; }
    public Long getStartTimeoutMs() { return startTimeoutMs; }
    public void setStartTimeoutMs(Long startTimeoutMs) { this.startTimeoutMs = startTimeoutMs; }
    public String getTransport() { return transport; }
    public void setTransport(String transport) { this.transport = transport; }
    public Integer getPortmapperPort() { return portmapperPort; }
    public void setPortmapperPort(Integer portmapperPort) { this.portmapperPort = portmapperPort; }
    public Integer getNlmClientPortmapperPort() { return nlmClientPortmapperPort; }
    public void setNlmClientPortmapperPort(Integer nlmClientPortmapperPort) { this.nlmClientPortmapperPort = nlmClientPortmapperPort; }
    public Long getNlmCallbackTimeoutMs() { return nlmCallbackTimeoutMs; }
    public void setNlmCallbackTimeoutMs(Long nlmCallbackTimeoutMs) { this.nlmCallbackTimeoutMs = nlmCallbackTimeoutMs; }
    public Long getNsmNotifyTimeoutMs() { return nsmNotifyTimeoutMs; }
    public void setNsmNotifyTimeoutMs(Long nsmNotifyTimeoutMs) { this.nsmNotifyTimeoutMs = nsmNotifyTimeoutMs; }

    // a JCA resource adapter bean must define equals and hashCode; identity is right for a singleton
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
