package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.nlm.Await;
import io.cistern.nfs.nlm.client.NettyRpcClient;
import io.cistern.nfs.nlm.client.RpcTransport;
import io.cistern.nfs.nsm.NsmProgram;
import io.cistern.nfs.nsm.RebootNotifier;
import io.cistern.nfs.nsm.wire.StatChge;
import io.cistern.nfs.spi.NsmPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The restart notices (SM_NOTIFY) over real sockets: the client hosts' portmapper ({@link ClientHostPortmapper}) and
 * status monitor (a {@link CallbackServer} registered as program 100024, answering void as statd does), and a host
 * that is down, at 127.0.0.2: a socket there that takes the portmapper queries and never answers.
 */
class NsmRebootNotificationTest {
    private static final int STATE = 17;
    private static final long NOTIFY_TIMEOUT_MS = 3_000;
    private static final InetAddress HERE = InetAddress.getLoopbackAddress();
    private static final NsmPeer ALPHA = new NsmPeer("alpha", HERE);
    private static final NsmPeer BETA = new NsmPeer("beta", HERE);

    private final ClientHostPortmapper portmapper;
    private final CallbackServer statd = new CallbackServer();
    private final SilentHost down;
    private final Hosts application = new Hosts();
    private final AdapterHarness harness = new AdapterHarness(application);
    private final LogRecords log = LogRecords.of("io.cistern.nfs.nsm");

    NsmRebootNotificationTest() throws Exception {
        portmapper = new ClientHostPortmapper();
        down = new SilentHost(portmapper.port);
        harness.adapter.setNlmClientPortmapperPort(portmapper.port);
        harness.adapter.setNsmNotifyTimeoutMs(NOTIFY_TIMEOUT_MS);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        log.close();
        down.close();
        statd.close();
        portmapper.close();
    }

    @Test
    void everyHostIsToldAtActivationAndOneThatIsDownHoldsNobodyUpAndIsGivenUpInTime() throws Exception {
        assertTrue(statd.register(portmapper.port, NsmProgram.PROGRAM, NsmProgram.VERSION, RpcTransport.UDP));
        application.peers = List.of(ALPHA, down.peer, BETA);
        long activated = System.nanoTime();
        harness.activate();

        List<CallbackServer.Received> notices = List.of(statd.next(5_000), statd.next(5_000));
        assertTrue(down.queries() <= 1, "told before the host that is down was even tried a second time");
        for (CallbackServer.Received notice : notices) {
            assertEquals(NsmProgram.PROGRAM, notice.program());
            assertEquals(NsmProgram.VERSION, notice.version());
            assertEquals(NsmProgram.PROC_NOTIFY, notice.procedure());
            assertEquals(RpcTransport.UDP, notice.transport(), "the status monitor registered UDP only");
            assertEquals(new StatChge(RebootNotifier.localHostName(), STATE), StatChge.decode(notice.reader()),
                    "this host's name and the application's state number");
        }
        Await.until("both hosts reported told", 5_000, () -> application.notified.size() == 2);
        assertEquals(List.of(ALPHA, BETA), application.notified.stream().sorted(
                java.util.Comparator.comparing(NsmPeer::name)).toList(), "the application forgets whom it told");

        Await.until("the host that is down given up", NOTIFY_TIMEOUT_MS + 3_000,
                () -> log.contains(Level.WARNING, "could not tell " + down.peer));
        long gaveUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - activated);
        assertTrue(gaveUp < NOTIFY_TIMEOUT_MS + 3_000, "given up " + gaveUp + " ms after the activation");
        assertTrue(down.queries() >= 2, "tried again after the first slot: " + down.queries() + " queries");
        int queries = down.queries();
        Thread.sleep(2_500);
        assertEquals(queries, down.queries(), "nothing more after giving up");
        assertEquals(2, application.notified.size(), "the host that is down stays on the list for the next start");
        assertTrue(log.contains(Level.INFO, "told " + ALPHA + " that this server restarted (state 17"), () -> log.messages().toString());
        assertTrue(log.contains(Level.INFO, "told " + BETA), () -> log.messages().toString());
    }

    @Test
    void aStatusMonitorOverTcpIsToldOverTcp() throws Exception {
        assertTrue(statd.register(portmapper.port, NsmProgram.PROGRAM, NsmProgram.VERSION, RpcTransport.TCP));
        application.peers = List.of(ALPHA);
        harness.activate();
        CallbackServer.Received notice = statd.next(5_000);
        assertEquals(RpcTransport.TCP, notice.transport(), "TCP first, as for GRANTED");
        assertEquals(new StatChge(RebootNotifier.localHostName(), STATE), StatChge.decode(notice.reader()));
        Await.until("alpha reported told", 5_000, () -> application.notified.equals(List.of(ALPHA)));
    }

    @Test
    void aDeactivationEndsTheNoticesStillUnderWay() throws Exception {
        harness.adapter.setNsmNotifyTimeoutMs(60_000L);
        application.peers = List.of(down.peer);
        harness.activate();
        Await.until("the first query at the host that is down", 5_000, () -> down.queries() == 1);
        harness.deactivate();
        Thread.sleep(3_000);
        assertEquals(1, down.queries(), "no attempt after the activation ended (the next slot began at 2 s)");
    }

    @Test
    void aQualifiedNameIsSentAgainUnqualifiedAsSmNotifyDoes() throws Exception {
        assertTrue(statd.register(portmapper.port, NsmProgram.PROGRAM, NsmProgram.VERSION, RpcTransport.UDP));
        application.peers = List.of(ALPHA);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            RebootNotifier notifier = new RebootNotifier(new NettyRpcClient(loops, NioSocketChannel.class,
                    NioDatagramChannel.class, HERE), loops, task -> {
                        task.accept(application);
                        return true;
                    }, portmapper.port, () -> "cistern.example.org", RebootNotifier.Schedule.within(5_000));
            assertTrue(notifier.start());
            assertEquals(new StatChge("cistern.example.org", STATE), StatChge.decode(statd.next(5_000).reader()));
            assertEquals(new StatChge("cistern", STATE), StatChge.decode(statd.next(5_000).reader()),
                    "then the first label, which the client may know the server by instead");
            Await.until("alpha reported told", 5_000, () -> application.notified.equals(List.of(ALPHA)));
            notifier.close();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** The application side: its state number, whom to tell, and whom it was told were told. */
    private static final class Hosts extends UnsupportedNfsListener {
        volatile List<NsmPeer> peers = List.of();
        final List<NsmPeer> notified = new CopyOnWriteArrayList<>();

        @Override
        public int nsmState() {
            return STATE;
        }

        @Override
        public List<NsmPeer> nsmPeersToNotify() {
            return peers;
        }

        @Override
        public void nsmPeerNotified(NsmPeer peer) {
            notified.add(peer);
        }
    }

    /** A host that is down but for its network: datagrams to its portmapper arrive and are never answered. */
    private static final class SilentHost implements AutoCloseable {
        final NsmPeer peer;
        private final DatagramSocket socket;
        private final List<Long> arrivals = new CopyOnWriteArrayList<>();

        SilentHost(int portmapperPort) throws Exception {
            InetAddress address = InetAddress.getByName("127.0.0.2");
            socket = new DatagramSocket(new InetSocketAddress(address, portmapperPort));
            peer = new NsmPeer("down", address);
            Thread reader = new Thread(this::swallow, "silent-host");
            reader.setDaemon(true);
            reader.start();
        }

        int queries() {
            return arrivals.size();
        }

        private void swallow() {
            try {
                while (true) {
                    socket.receive(new DatagramPacket(new byte[2048], 2048));
                    arrivals.add(System.nanoTime());
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** What the notifier logged, to check whom it says it told and whom not. */
    private static final class LogRecords extends Handler {
        private final Logger logger;
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        private LogRecords(Logger logger) {
            this.logger = logger;
        }

        static LogRecords of(String name) {
            LogRecords handler = new LogRecords(Logger.getLogger(name));
            handler.setLevel(Level.ALL);
            handler.logger.addHandler(handler);
            return handler;
        }

        boolean contains(Level level, String text) {
            return records.stream().anyMatch(r -> r.getLevel() == level && r.getMessage().contains(text));
        }

        List<String> messages() {
            List<String> messages = new ArrayList<>();
            records.forEach(r -> messages.add(r.getLevel() + " " + r.getMessage()));
            return messages;
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
