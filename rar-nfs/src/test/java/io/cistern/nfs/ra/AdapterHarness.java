package io.cistern.nfs.ra;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import io.cistern.nfs.spi.NsmPeer;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * An adapter on 127.0.0.1 in a container whose WorkManager gives every Work a thread, activated with an
 * application that delegates to a listener of the test's choosing and counts its endpoints.
 */
final class AdapterHarness implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";

    final NfsResourceAdapter adapter = new NfsResourceAdapter();
    final AtomicInteger endpointsCreated = new AtomicInteger();
    final AtomicInteger endpointsReleased = new AtomicInteger();
    private final NfsListener application;
    private MessageEndpointFactory factory;

    AdapterHarness(NfsListener application) {
        this.application = application;
        adapter.setBindAddress(LOOPBACK);
        adapter.setPort(0);
        adapter.setIoThreads(2);
        adapter.setWorkers(2);
        adapter.setStartTimeoutMs(2_000L);
    }

    /** Starts and activates the adapter as configured so far. */
    AdapterHarness activate() throws ResourceException {
        adapter.start(new ThreadPerWork());
        factory = endpoints();
        adapter.endpointActivation(factory, new NfsActivationSpec());
        return this;
    }

    void deactivate() {
        adapter.endpointDeactivation(factory, new NfsActivationSpec());
    }

    @Override
    public void close() {
        if (factory != null) {
            deactivate();
        }
        adapter.stop();
    }

    /** A loopback port that is free for both TCP and UDP right now. */
    static int freePortForTcpAndUdp() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                int port = udp.getLocalPort();
                if (tcpFree(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP on " + LOOPBACK);
    }

    static boolean tcpFree(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean udpFree(int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
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
                return "NfsHarnessMdb";
            }

            @Override
            public Class<?> getEndpointClass() {
                return Endpoint.class;
            }
        };
    }

    /** The MDB as the container hands it over: the application's listener plus MessageEndpoint. */
    private final class Endpoint extends UnsupportedNfsListener implements MessageEndpoint {
        @Override
        public void ping(NfsCaller caller) {
            application.ping(caller);
        }

        @Override
        public void adapterEvent(NfsAdapterEvent event) {
            application.adapterEvent(event);
        }

        @Override
        public boolean listenerEnabled() {
            return application.listenerEnabled();
        }

        @Override
        public NfsMountReply mount(NfsCaller caller, String path) {
            return application.mount(caller, path);
        }

        @Override
        public void unmount(NfsCaller caller, String path) {
            application.unmount(caller, path);
        }

        @Override
        public List<NfsExport> exports(NfsCaller caller) {
            return application.exports(caller);
        }

        @Override
        public NlmTestReply nlmTest(NfsCaller caller, NlmLock lock, boolean exclusive) {
            return application.nlmTest(caller, lock, exclusive);
        }

        @Override
        public NlmStatus nlmLock(NfsCaller caller, NlmLock lock, boolean exclusive, boolean block, boolean reclaim,
                                 NlmGrantCallback whenGranted) {
            return application.nlmLock(caller, lock, exclusive, block, reclaim, whenGranted);
        }

        @Override
        public NlmStatus nlmCancel(NfsCaller caller, NlmLock lock, boolean exclusive) {
            return application.nlmCancel(caller, lock, exclusive);
        }

        @Override
        public NlmStatus nlmUnlock(NfsCaller caller, NlmLock lock) {
            return application.nlmUnlock(caller, lock);
        }

        @Override
        public NlmStatus nlmShare(NfsCaller caller, NlmShare share, boolean reclaim) {
            return application.nlmShare(caller, share, reclaim);
        }

        @Override
        public NlmStatus nlmUnshare(NfsCaller caller, NlmShare share) {
            return application.nlmUnshare(caller, share);
        }

        @Override
        public void nlmFreeAll(NfsCaller caller, String callerName) {
            application.nlmFreeAll(caller, callerName);
        }

        @Override
        public int nsmState() {
            return application.nsmState();
        }

        @Override
        public List<NsmPeer> nsmPeersToNotify() {
            return application.nsmPeersToNotify();
        }

        @Override
        public void nsmPeerNotified(NsmPeer peer) {
            application.nsmPeerNotified(peer);
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

    /** A container with threads to spare: each Work runs on a daemon thread of its own. */
    private static final class ThreadPerWork implements BootstrapContext, WorkManager {
        @Override
        public void scheduleWork(Work work) {
            Thread thread = new Thread(work, "harness-connector-pool");
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

        @Override
        public WorkManager getWorkManager() {
            return this;
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
