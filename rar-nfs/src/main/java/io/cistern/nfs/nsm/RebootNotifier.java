package io.cistern.nfs.nsm;

import io.cistern.nfs.nlm.client.NlmLocator;
import io.cistern.nfs.nlm.client.RpcClient;
import io.cistern.nfs.nlm.client.RpcEndpoint;
import io.cistern.nfs.nlm.client.XdrBytes;
import io.cistern.nfs.nsm.wire.StatChge;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.spi.NsmPeer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the client hosts that held locks that this server restarted, as a status monitor does at boot (Linux
 * sm-notify): SM_NOTIFY (XNFS chapter 11) with this server's name and new state number to the status monitor of each
 * host, found through the portmapper on that host. A client's status monitor then tells its lock manager, which
 * reclaims the locks during the grace period. Without the notice the clients would not learn of the restart, and
 * their locks would silently be gone.
 * <p>
 * The application says which hosts and which state number ({@link #start}); everything after that is asynchronous on
 * the adapter's event loops ({@code timers}), each host on its own ({@link PeerNotification}), so that a host that is
 * down holds up neither the others nor the server. Each host is tried until it answers or {@link Schedule#totalMillis}
 * has passed since the start; one that never answered stays on the application's list and is told after the next
 * start, as sm-notify leaves it in its notify list. At most {@link #MAX_ATTEMPTS_IN_FLIGHT} attempts run at once, so
 * that a long list does not open a socket per host all at the same moment.
 * <p>
 * One instance per activation: {@link #close} ends every notice still under way.
 */
public final class RebootNotifier {
    private static final Logger LOG = Logger.getLogger(RebootNotifier.class.getName());
    /** sm-notify sends at most 10 datagrams in one go; the adapter's calls are asynchronous, so a few more. */
    static final int MAX_ATTEMPTS_IN_FLIGHT = 32;

    /**
     * When to try one host: the first attempt at once and given {@code firstSlotMillis}, each further one a slot
     * twice as long, up to {@code maxSlotMillis}, and none after {@code totalMillis} from the start.
     */
    public record Schedule(long firstSlotMillis, long maxSlotMillis, long totalMillis) {
        public Schedule {
            if (firstSlotMillis < 1 || maxSlotMillis < firstSlotMillis || totalMillis < 1) {
                throw new IllegalArgumentException("not a notification schedule: " + firstSlotMillis + " ms, up to "
                        + maxSlotMillis + " ms, within " + totalMillis + " ms");
            }
        }

        /**
         * sm-notify's: 2 s for the first attempt, doubled after each to at most 120 s (NSM_TIMEOUT and
         * NSM_MAX_TIMEOUT), within {@code totalMillis} (its retry-time, 15 minutes by default).
         */
        public static Schedule within(long totalMillis) {
            return new Schedule(2_000, 120_000, totalMillis);
        }
    }

    private final RpcClient rpc;
    private final NlmLocator locator;
    private final ScheduledExecutorService timers;
    private final RequestExecutor executor;
    private final Supplier<String> monName;
    private final Schedule schedule;
    private final AttemptGate gate;
    private volatile boolean closed;

    /**
     * @param clientPortmapperPort where clients' portmappers listen: 111, except in tests
     * @param monName              the name this server gives itself in the notices, asked once per start on a request
     *                             worker (it may need a lookup): {@link #localHostName} but in tests
     */
    public RebootNotifier(RpcClient rpc, ScheduledExecutorService timers, RequestExecutor executor,
                          int clientPortmapperPort, Supplier<String> monName, Schedule schedule) {
        this.rpc = rpc;
        this.locator = new NlmLocator(rpc, clientPortmapperPort);
        this.timers = timers;
        this.executor = executor;
        this.monName = monName;
        this.schedule = schedule;
        this.gate = new AttemptGate(MAX_ATTEMPTS_IN_FLIGHT, this);
    }

    /**
     * Asks the application, on a request worker, for its state number and the hosts to tell, and starts telling
     * them; returns at once. False if no worker took the question (the activation is ending).
     */
    public boolean start() {
        return executor.submit(listener -> {
            List<NsmPeer> peers = listener.nsmPeersToNotify();
            if (peers.isEmpty()) {
                LOG.fine("NSM: no client host held locks before this start");
            } else {
                begin(listener.nsmState(), peers, monName.get());
            }
        });
    }

    /** Ends every notice still under way: the activation is over, and a new one starts its own. */
    public void close() {
        closed = true;
    }

    /**
     * This host's name, as sm-notify takes it when not told another (gethostname): the name a client's status monitor
     * matches against the server it watches, besides the address the notice comes from. Never an address literal,
     * which sm-notify never sends either.
     */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.warning(() -> "NSM: this host's name does not resolve (" + e.getMessage() + "); notices name it"
                    + " localhost, and clients match them by the address they come from");
            return "localhost";
        }
    }

    private void begin(int state, List<NsmPeer> peers, String name) {
        LOG.info(() -> "NSM: state " + state + "; telling " + peers.size() + " client host(s) that held locks that"
                + " this server restarted, as " + name);
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(schedule.totalMillis());
        List<byte[]> notices = namesToSend(name).stream()
                .map(sent -> XdrBytes.encode(new StatChge(sent, state)::encode)).toList();
        for (NsmPeer peer : peers) {
            new PeerNotification(this, peer, state, notices, deadlineNanos).start();
        }
    }

    /**
     * The name, and then its first label if it is qualified: sm-notify sends "host.example.com" and, once that is
     * answered, "host", since the client may know the server under either, and not every client's status monitor
     * resolves names to compare them.
     */
    static List<String> namesToSend(String name) {
        int dot = name.indexOf('.');
        boolean literal = name.matches("[0-9.]+") || name.indexOf(':') >= 0;
        return dot > 0 && !literal ? List.of(name, name.substring(0, dot)) : List.of(name);
    }

    Schedule schedule() {
        return schedule;
    }

    AttemptGate gate() {
        return gate;
    }

    boolean isClosed() {
        return closed;
    }

    CompletableFuture<RpcEndpoint> locate(InetAddress host, long timeoutMillis) {
        return locator.locate(host, NsmProgram.PROGRAM, NsmProgram.VERSION, timeoutMillis);
    }

    CompletableFuture<byte[]> notify(RpcEndpoint endpoint, byte[] statChge, long timeoutMillis) {
        return rpc.call(endpoint, NsmProgram.PROGRAM, NsmProgram.VERSION, NsmProgram.PROC_NOTIFY, statChge,
                timeoutMillis);
    }

    /** Runs {@code task} on an event loop after the delay; null (and the task dropped) once they are shutting down. */
    Future<?> schedule(Runnable task, long delayMillis) {
        try {
            return timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("NSM notice dropped: the event loops are shutting down");
            return null;
        }
    }

    /** Lets the application forget the host until it locks again. */
    void notified(NsmPeer peer) {
        if (!closed && !executor.submit(listener -> listener.nsmPeerNotified(peer))) {
            LOG.log(Level.FINE, "NSM: {0} was told, but no request worker took that; it is told again next time", peer);
        }
    }
}
