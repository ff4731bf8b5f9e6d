package io.cistern.smb.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.connection.Connection;
import io.cistern.smb.server.RecordingListener;
import io.cistern.smb.spi.SmbAdapterEvent;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter's lifecycle in a fake container: start, activation, a real client through the MDB path, stop. */
class SmbResourceAdapterTest {
    private final SmbResourceAdapter adapter = new SmbResourceAdapter();

    SmbResourceAdapterTest() {
        adapter.setBindAddress("127.0.0.1");
        adapter.setPort(0);
        adapter.setIoThreads(1);
        adapter.setWorkers(2);
        adapter.setStartTimeoutMs(2_000L);
    }

    @AfterEach
    void stop() {
        adapter.stop();
    }

    @Test
    void activationListensAndSmbjNegotiatesThroughTheEndpoint() throws Exception {
        FakeContainer container = FakeContainer.roomy();
        adapter.start(container);
        MessageEndpointFactory factory = container.endpointFactory();
        adapter.endpointActivation(factory, new SmbActivationSpec());

        awaitTrue(() -> !container.listener.events.isEmpty(), "LISTENING reported");
        SmbAdapterEvent listening = container.listener.events.get(0);
        assertEquals(SmbAdapterEvent.State.LISTENING, listening.state());
        assertTrue(listening.address().startsWith("127.0.0.1:"), listening.address());
        int port = Integer.parseInt(listening.address().substring("127.0.0.1:".length()));

        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", port)) {
            assertEquals(SMB2Dialect.SMB_3_1_1, connection.getNegotiatedProtocol().getDialect());
            assertEquals(RecordingListener.SERVER_GUID, connection.getConnectionContext().getServerGuid());
        }
        assertEquals(1, container.listener.identityCallers.size());
        assertEquals("127.0.0.1", container.listener.identityCallers.get(0).client().getAddress().getHostAddress());

        adapter.endpointDeactivation(factory, new SmbActivationSpec());
        assertEquals(1, container.listener.events.size(), "nothing is delivered to an application that is going away");
        assertThrows(java.io.IOException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "listener closed");
        assertEquals(container.endpointsCreated.get(), container.endpointsReleased.get(), "every endpoint released");
    }

    @Test
    void switchedOffTheListenerRefusesAndClosesItsConnectionsAndSwitchedOnItServesTheSamePortAgain() throws Exception {
        FakeContainer container = FakeContainer.roomy();
        adapter.start(container);
        MessageEndpointFactory factory = container.endpointFactory();
        adapter.endpointActivation(factory, new SmbActivationSpec());
        awaitTrue(() -> !container.listener.events.isEmpty(), "LISTENING reported");
        int port = Integer.parseInt(container.listener.events.get(0).address().substring("127.0.0.1:".length()));

        try (SMBClient client = new SMBClient()) {
            Connection open = client.connect("127.0.0.1", port);
            awaitTrue(() -> lastConnections(container).map(event -> event.clients().size() == 1).orElse(false),
                    "the connection listed");
            SmbAdapterEvent listed = lastConnections(container).orElseThrow();
            assertEquals(1, listed.openConnections());
            assertEquals("127.0.0.1", listed.clients().get(0).remoteAddress());
            assertTrue(listed.clients().get(0).remotePort() > 0);
            assertEquals(0, listed.clients().get(0).sessions(), "negotiated, not logged on");

            container.listener.enabled = false;
            awaitTrue(() -> hasState(container, SmbAdapterEvent.State.DISABLED), "DISABLED reported");
            awaitTrue(() -> !open.isConnected(), "the open connection closed");
            assertThrows(java.io.IOException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "refused");
            awaitTrue(() -> lastConnections(container).map(event -> event.clients().isEmpty()).orElse(false),
                    "the closed connection no longer listed");

            container.listener.enabled = true;
            awaitTrue(() -> container.listener.events.stream().filter(event -> event.state() == SmbAdapterEvent.State.LISTENING)
                    .count() == 2, "LISTENING reported again");
            try (Connection again = client.connect("127.0.0.1", port)) {
                assertEquals(SMB2Dialect.SMB_3_1_1, again.getNegotiatedProtocol().getDialect());
            }
        }
        adapter.endpointDeactivation(factory, new SmbActivationSpec());
        assertThrows(java.io.IOException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "closed for good");
    }

    @Test
    void anApplicationThatCannotAnswerLeavesTheListenerAsItIs() throws Exception {
        FakeContainer container = FakeContainer.roomy();
        container.listener.enabledFailure = new IllegalStateException("database down");
        adapter.start(container);
        MessageEndpointFactory factory = container.endpointFactory();
        adapter.endpointActivation(factory, new SmbActivationSpec());
        awaitTrue(() -> hasState(container, SmbAdapterEvent.State.LISTENING), "LISTENING reported without an answer");
        int port = Integer.parseInt(container.listener.events.get(0).address().substring("127.0.0.1:".length()));
        Thread.sleep(1_500);   // at least one more question unanswered
        new java.net.Socket("127.0.0.1", port).close();
        adapter.endpointDeactivation(factory, new SmbActivationSpec());
    }

    private static boolean hasState(FakeContainer container, SmbAdapterEvent.State state) {
        return container.listener.events.stream().anyMatch(event -> event.state() == state);
    }

    private static java.util.Optional<SmbAdapterEvent> lastConnections(FakeContainer container) {
        return container.listener.events.stream().filter(event -> event.state() == SmbAdapterEvent.State.CONNECTIONS)
                .reduce((first, second) -> second);
    }

    @Test
    void aTakenPortIsAClearDeploymentError() throws Exception {
        FakeContainer container = FakeContainer.roomy();
        adapter.start(container);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            adapter.setPort(taken.getLocalPort());
            ResourceException error = assertThrows(ResourceException.class,
                    () -> adapter.endpointActivation(container.endpointFactory(), new SmbActivationSpec()));
            assertTrue(error.getMessage().contains("cannot bind 127.0.0.1:" + taken.getLocalPort()), error.getMessage());
        }
        assertEquals(container.endpointsCreated.get(), container.endpointsReleased.get());
    }

    @Test
    void aFullConnectorPoolFailsTheStartWithAMessageThatSaysSo() {
        adapter.setStartTimeoutMs(200L);
        ResourceAdapterInternalException error = assertThrows(ResourceAdapterInternalException.class,
                () -> adapter.start(new FakeContainer(0, 600)));
        assertTrue(error.getMessage().contains("connector thread pool exhausted"), error.getMessage());
    }

    @Test
    void aPoolWithRoomForTheLoopsButNotTheWorkersFailsTheActivation() throws Exception {
        adapter.setStartTimeoutMs(200L);
        FakeContainer container = new FakeContainer(1, 600);
        adapter.start(container);
        ResourceException error = assertThrows(ResourceException.class,
                () -> adapter.endpointActivation(container.endpointFactory(), new SmbActivationSpec()));
        assertTrue(error.getMessage().contains("0 of 2 request workers"), error.getMessage());
        assertTrue(error.getMessage().contains("connector thread pool exhausted"), error.getMessage());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
