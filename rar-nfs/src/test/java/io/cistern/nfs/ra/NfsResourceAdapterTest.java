package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsClientConnection;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter's life cycle on a container whose WorkManager runs each Work on a plain thread, and
 * whose connector pool can be made too small: a pool that cannot run every event loop and worker fails
 * the deployment with a message that says so, instead of hanging.
 */
class NfsResourceAdapterTest {
    private final NfsResourceAdapter adapter = new NfsResourceAdapter();
    private final List<NfsAdapterEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger endpointsCreated = new AtomicInteger();
    private final AtomicInteger endpointsReleased = new AtomicInteger();
    /** What the application answers when the adapter asks whether it wants the listener. */
    private volatile boolean enabled = true;

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    @Test
    void activationBindsReportsAndAnswersThenDeactivationReleasesEverything() throws Exception {
        configure(0);
        adapter.start(new PoolOf(Integer.MAX_VALUE));
        MessageEndpointFactory factory = endpoints();
        adapter.endpointActivation(factory, new NfsActivationSpec());
        awaitTrue(() -> !events.isEmpty());
        assertEquals(NfsAdapterEvent.State.LISTENING, events.get(0).state());
        int port = Integer.parseInt(events.get(0).address().substring("127.0.0.1:".length()));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(0x8000_0000 | 40);
            for (int word : new int[] {77, 0, 2, 100003, 3, 0, 0, 0, 0, 0}) {
                out.writeInt(word);
            }
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals(0x8000_0000 | 24, in.readInt());
            assertEquals(77, in.readInt(), "xid");
            assertEquals(1, in.readInt(), "REPLY");
            assertEquals(0, in.readInt(), "MSG_ACCEPTED");
        }
        assertEquals(1, pings.get(), "the NULL call went through the endpoint");

        adapter.endpointDeactivation(factory, new NfsActivationSpec());
        assertEquals(1, events.size(), "nothing is delivered to an application that is going away");
        assertEquals(endpointsCreated.get(), endpointsReleased.get(), "every endpoint released");
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close(), "listener closed");
    }

    @Test
    void switchedOffEverySocketClosesAndSwitchedOnTheSamePortServesAgainWhileConnectionsAreListed() throws Exception {
        configure(0);
        adapter.start(new PoolOf(Integer.MAX_VALUE));
        MessageEndpointFactory factory = endpoints();
        adapter.endpointActivation(factory, new NfsActivationSpec());
        awaitTrue(() -> !events.isEmpty());
        int port = Integer.parseInt(events.get(0).address().substring("127.0.0.1:".length()));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertEquals(77, nullCallAsUid1234(socket), "xid of the reply");
            awaitTrue(() -> lastConnections().map(event -> event.clients().size() == 1
                    && event.clients().get(0).uid() != null).orElse(false));
            NfsClientConnection client = lastConnections().orElseThrow().clients().get(0);
            assertEquals("127.0.0.1", client.remoteAddress());
            assertEquals(socket.getLocalPort(), client.remotePort());
            assertEquals(1234, client.uid());
            assertEquals("host1", client.machineName());
            assertEquals(List.of(), client.exports(), "nothing mounted");

            enabled = false;
            awaitTrue(() -> events.stream().anyMatch(event -> event.state() == NfsAdapterEvent.State.DISABLED));
            socket.setSoTimeout(5_000);
            assertEquals(-1, socket.getInputStream().read(), "the open connection is closed");
            assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close(), "refused");
            awaitTrue(() -> lastConnections().map(event -> event.clients().isEmpty()).orElse(false));
        }
        enabled = true;
        awaitTrue(() -> events.stream().filter(event -> event.state() == NfsAdapterEvent.State.LISTENING).count() == 2);
        try (Socket again = new Socket("127.0.0.1", port)) {
            assertEquals(77, nullCallAsUid1234(again));
        }
        adapter.endpointDeactivation(factory, new NfsActivationSpec());
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close(), "closed for good");
    }

    /** NFS NULL with AUTH_SYS uid 1234 from machine "host1"; returns the reply's xid. */
    private static int nullCallAsUid1234(Socket socket) throws java.io.IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        int[] call = {77, 0, 2, 100003, 3, 0, 1, 28, 0, 5, 0x686f7374, 0x31000000, 1234, 100, 0, 0, 0};
        out.writeInt(0x8000_0000 | call.length * 4);
        for (int word : call) {
            out.writeInt(word);
        }
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readInt() & 0x7fff_ffff;
        byte[] reply = new byte[length];
        in.readFully(reply);
        return java.nio.ByteBuffer.wrap(reply).getInt();
    }

    private java.util.Optional<NfsAdapterEvent> lastConnections() {
        return events.stream().filter(event -> event.state() == NfsAdapterEvent.State.CONNECTIONS)
                .reduce((first, second) -> second);
    }

    @Test
    void poolTooSmallForTheEventLoopsFailsTheStart() {
        configure(0);
        ResourceAdapterInternalException failure = assertThrows(ResourceAdapterInternalException.class,
                () -> adapter.start(new PoolOf(1)));
        assertTrue(failure.getMessage().contains("connector thread pool exhausted"), failure.getMessage());
    }

    @Test
    void poolTooSmallForTheWorkersFailsTheActivation() throws Exception {
        configure(0);
        adapter.start(new PoolOf(2 + 3));
        ResourceException failure = assertThrows(ResourceException.class,
                () -> adapter.endpointActivation(endpoints(), new NfsActivationSpec()));
        // 3 when the event loops took their threads first, up to 5 when the workers got there before them
        assertTrue(failure.getMessage().matches("(?s).*only [345] of 8 request workers started.*"),
                failure.getMessage());
    }

    @Test
    void takenPortFailsTheActivationNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            configure(taken.getLocalPort());
            adapter.start(new PoolOf(Integer.MAX_VALUE));
            ResourceException failure = assertThrows(ResourceException.class,
                    () -> adapter.endpointActivation(endpoints(), new NfsActivationSpec()));
            assertTrue(failure.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), failure.getMessage());
            assertEquals(endpointsCreated.get(), endpointsReleased.get());
        }
    }

    private void configure(int port) {
        adapter.setBindAddress("127.0.0.1");
        adapter.setPort(port);
        adapter.setIoThreads(2);
        adapter.setWorkers(8);
        adapter.setStartTimeoutMs(1_000L);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean());
    }

    private MessageEndpointFactory endpoints() {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource) {
                endpointsCreated.incrementAndGet();
                return new Endpoint();
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
                return createEndpoint(xaResource);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "NfsTestMdb";
            }

            @Override
            public Class<?> getEndpointClass() {
                return Endpoint.class;
            }
        };
    }

    /** What the container hands the adapter: the MDB's listener interface plus MessageEndpoint. */
    private final class Endpoint extends UnsupportedNfsListener implements MessageEndpoint {
        @Override
        public void ping(NfsCaller caller) {
            pings.incrementAndGet();
        }

        @Override
        public void adapterEvent(NfsAdapterEvent event) {
            events.add(event);
        }

        @Override
        public boolean listenerEnabled() {
            return enabled;
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
            endpointsReleased.incrementAndGet();
        }
    }

    /** A connector pool of {@code size} threads: Works beyond it wait (as in Payara) until one ends. */
    private static final class PoolOf implements BootstrapContext {
        private final java.util.concurrent.Semaphore threads;

        PoolOf(int size) {
            threads = new java.util.concurrent.Semaphore(size);
        }

        @Override
        public WorkManager getWorkManager() {
            return new WorkManager() {
                @Override
                public void scheduleWork(Work work) {
                    Thread thread = new Thread(() -> {
                        threads.acquireUninterruptibly();
                        try {
                            work.run();
                        } finally {
                            threads.release();
                        }
                    }, "test-connector-pool");
                    thread.setDaemon(true);
                    thread.start();
                }

                @Override
                public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    scheduleWork(work);
                }

                @Override
                public void doWork(Work work) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long startWork(Work work) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() {
            return new Timer(true);
        }

        @Override
        public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
            return false;
        }

        @Override
        public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
            return null;
        }
    }
}
