package io.cistern.smb.ra;

import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbClientConnection;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The SMB resource adapter. {@link #start} brings up the event loops as container Work; the TCP
 * listener binds when the application's MDB activates and closes when it deactivates. One activation
 * at a time: the MDB is the file system behind every connection.
 * <p>
 * In between, the application may switch the listener off and on ({@link ListenerPoll}): off closes the socket
 * and every connection, on binds the same address and port again. The listener reports LISTENING or DISABLED once
 * the first answer came, and its connections, sessions and clients every 2 s when they changed.
 */
public class SmbResourceAdapter implements ResourceAdapter, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SmbResourceAdapter.class.getName());
    private static final int QUEUE_PER_WORKER = 1024;

    private Integer port = 12445;
    private String bindAddress = "0.0.0.0";
    private Integer ioThreads = 2;
    private Integer workers = 8;
    private Long startTimeoutMs = 10_000L;
    private String transport = "auto";

    private transient EventLoops eventLoops;
    private transient WorkManager workManager;
    private transient Activation activation;

    /** What one MDB activation holds. */
    private record Activation(MessageEndpointFactory factory, EndpointWorkers workers, SmbTcpServer server,
                              ListenerSwitch listenerSwitch, ListenerPoll poll, CounterReports<Counters> counterReports) {
    }

    /** What the application is told about the listener's clients. */
    private record Counters(int openConnections, long logonFailures, int openSessions,
                            List<SmbClientConnection> clients) {
        static final Counters NONE = new Counters(0, 0, 0, List.of());

        static Counters of(SmbTcpServer server) {
            List<SmbClientConnection> clients = server.clients();
            int sessions = clients.stream().mapToInt(SmbClientConnection::sessions).sum();
            return new Counters(server.connectionCount(), server.sessionStats().logonFailures(), sessions, clients);
        }
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        workManager = context.getWorkManager();
        eventLoops = EventLoops.start(new WorkManagerExecutor(workManager, "smb-io"), ioThreads, transport, startTimeoutMs, "SMB");
        LOG.info(() -> "SMB adapter started: " + ioThreads + " I/O threads (" + eventLoops.transportName() + "), "
                + workers + " request workers, listener " + bindAddress + ":" + port + " opens on activation");
    }

    @Override
    public synchronized void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (activation != null) {
            throw new NotSupportedException("the SMB adapter serves one MDB; " + activation.factory().getEndpointClass()
                    + " is already active");
        }
        EndpointWorkers requestWorkers = new EndpointWorkers(workManager, factory, workers, workers * QUEUE_PER_WORKER);
        requestWorkers.start(startTimeoutMs);
        SmbTcpServer server;
        try {
            server = SmbTcpServer.bind(eventLoops.group(), eventLoops.serverChannelType(), bindAddress, port,
                    requestWorkers, startTimeoutMs);
        } catch (ResourceException | RuntimeException e) {
            requestWorkers.stop(startTimeoutMs);
            throw e;
        }
        // the first question goes at once: a listener switched off stays off across restarts
        ListenerSwitch listenerSwitch = new ListenerSwitch("SMB", server);
        ListenerPoll poll = ListenerPoll.start(eventLoops.group(), requestWorkers, listenerSwitch,
                state -> new SmbAdapterEvent(SmbAdapterEvent.State.valueOf(state.name()), server.address(), Instant.now()));
        CounterReports<Counters> counterReports = CounterReports.start(eventLoops.group(), () -> Counters.of(server),
                counters -> submit(requestWorkers, new SmbAdapterEvent(SmbAdapterEvent.State.CONNECTIONS,
                        server.address(), Instant.now(), counters.openConnections(), counters.logonFailures(),
                        counters.openSessions(), counters.clients())),
                Counters.NONE);
        activation = new Activation(factory, requestWorkers, server, listenerSwitch, poll, counterReports);
        LOG.info(() -> "SMB listening on " + server.address());
    }

    @Override
    public synchronized void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        if (activation == null || activation.factory() != factory) {
            return;
        }
        Activation ending = activation;
        activation = null;
        ending.poll().stop();
        ending.counterReports().stop();
        ending.listenerSwitch().retire();
        // no STOPPED event: deactivation means the MDB's application is going away, and the container
        // refuses new deliveries by now (Payara logs UnavailableException for every attempt)
        ending.workers().stop(startTimeoutMs);
        LOG.info(() -> "SMB listener on " + ending.server().address() + " closed");
    }

    @Override
    public void stop() {
        if (eventLoops != null) {
            eventLoops.shutdown();
            eventLoops = null;
        }
    }

    private static boolean submit(EndpointWorkers workers, SmbAdapterEvent event) {
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
