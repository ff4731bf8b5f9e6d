package io.cistern.smb.ra;

import io.cistern.smb.server.RecordingListener;
import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbServerIdentity;
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
import java.lang.reflect.Method;
import java.util.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/** Just enough of a JCA container to run the adapter: a WorkManager on plain threads and MDB endpoints. */
final class FakeContainer implements BootstrapContext {
    /** Works past {@code immediateWorks} start only after {@code lateStartMillis}: a connector pool that is full. */
    private final int immediateWorks;
    private final long lateStartMillis;
    private final AtomicInteger scheduled = new AtomicInteger();
    final RecordingListener listener = new RecordingListener();
    final AtomicInteger endpointsCreated = new AtomicInteger();
    final AtomicInteger endpointsReleased = new AtomicInteger();

    FakeContainer(int immediateWorks, long lateStartMillis) {
        this.immediateWorks = immediateWorks;
        this.lateStartMillis = lateStartMillis;
    }

    static FakeContainer roomy() {
        return new FakeContainer(Integer.MAX_VALUE, 0);
    }

    @Override
    public WorkManager getWorkManager() {
        return new WorkManager() {
            @Override
            public void scheduleWork(Work work) {
                boolean late = scheduled.incrementAndGet() > immediateWorks;
                Thread thread = new Thread(() -> {
                    if (late) {
                        sleep(lateStartMillis);
                    }
                    work.run();
                }, "fake-connector-pool");
                thread.setDaemon(true);
                thread.start();
            }

            @Override
            public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener workListener) {
                scheduleWork(work);
            }

            @Override
            public void doWork(Work work) {
                throw new UnsupportedOperationException("the adapter only schedules work");
            }

            @Override
            public void doWork(Work work, long timeout, ExecutionContext context, WorkListener workListener) {
                doWork(work);
            }

            @Override
            public long startWork(Work work) {
                throw new UnsupportedOperationException("the adapter only schedules work");
            }

            @Override
            public long startWork(Work work, long timeout, ExecutionContext context, WorkListener workListener) {
                return startWork(work);
            }
        };
    }

    MessageEndpointFactory endpointFactory() {
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
                return "SmbTestMdb";
            }

            @Override
            public Class<?> getEndpointClass() {
                return Endpoint.class;
            }
        };
    }

    /** What the container hands the adapter: the MDB's listener interface plus MessageEndpoint. */
    final class Endpoint implements MessageEndpoint, SmbListener {
        @Override
        public SmbServerIdentity serverIdentity(SmbCaller caller) {
            return listener.serverIdentity(caller);
        }

        @Override
        public void adapterEvent(SmbAdapterEvent event) {
            listener.adapterEvent(event);
        }

        @Override
        public boolean listenerEnabled() {
            return listener.listenerEnabled();
        }

        @Override
        public java.util.Optional<io.cistern.smb.spi.SmbAccount> accountForLogon(SmbCaller caller, String user,
                                                                                 String domain) {
            return listener.accountForLogon(caller, user, domain);
        }

        @Override
        public java.util.Optional<io.cistern.smb.spi.SmbShare> shareForTree(SmbCaller caller, String account,
                                                                          String shareName) {
            return listener.shareForTree(caller, account, shareName);
        }

        // ---- file requests: straight through to the listener double

        @Override
        public io.cistern.smb.spi.SmbOpenReply open(SmbCaller caller, io.cistern.smb.spi.SmbUser user, long shareId,
                                                    java.util.List<String> path,
                                                    io.cistern.smb.spi.SmbOpenRequest request) {
            return listener.open(caller, user, shareId, path, request);
        }

        @Override
        public io.cistern.smb.spi.SmbInfoReply fileInfo(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                        byte[] handle) {
            return listener.fileInfo(caller, user, handle);
        }

        @Override
        public io.cistern.smb.spi.SmbReadReply read(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle,
                                                    byte[] lockOwner, long offset, int length) {
            return listener.read(caller, user, handle, lockOwner, offset, length);
        }

        @Override
        public io.cistern.smb.spi.SmbWriteReply write(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle,
                                                      byte[] lockOwner, long offset, java.nio.ByteBuffer data,
                                                      boolean writeThrough) {
            return listener.write(caller, user, handle, lockOwner, offset, data, writeThrough);
        }

        @Override
        public io.cistern.smb.spi.SmbCopyReply copy(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                    byte[] source, byte[] sourceLockOwner, byte[] target,
                                                    byte[] targetLockOwner,
                                                    java.util.List<io.cistern.smb.spi.SmbCopyRange> ranges) {
            return listener.copy(caller, user, source, sourceLockOwner, target, targetLockOwner, ranges);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus flush(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                      byte[] handle) {
            return listener.flush(caller, user, handle);
        }

        @Override
        public io.cistern.smb.spi.SmbDirectoryReply list(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                         byte[] directory, long cookie, int maxEntries) {
            return listener.list(caller, user, directory, cookie, maxEntries);
        }

        @Override
        public io.cistern.smb.spi.SmbDirectoryReply listNamed(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                              byte[] directory, String name) {
            return listener.listNamed(caller, user, directory, name);
        }

        @Override
        public io.cistern.smb.spi.SmbInfoReply setBasicInfo(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                            byte[] handle, io.cistern.smb.spi.SmbBasicChange change) {
            return listener.setBasicInfo(caller, user, handle, change);
        }

        @Override
        public io.cistern.smb.spi.SmbInfoReply setSecurity(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                           byte[] handle, io.cistern.smb.spi.SmbSecurityChange change) {
            return listener.setSecurity(caller, user, handle, change);
        }

        @Override
        public io.cistern.smb.spi.SmbInfoReply setEndOfFile(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                            byte[] handle, long size) {
            return listener.setEndOfFile(caller, user, handle, size);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus rename(SmbCaller caller, io.cistern.smb.spi.SmbUser user, long shareId,
                                                       java.util.List<String> from, byte[] handle,
                                                       java.util.List<String> to, boolean replace) {
            return listener.rename(caller, user, shareId, from, handle, to, replace);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus checkDelete(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                            long shareId, java.util.List<String> path,
                                                            byte[] handle) {
            return listener.checkDelete(caller, user, shareId, path, handle);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus delete(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                       long shareId, java.util.List<String> path, byte[] handle) {
            return listener.delete(caller, user, shareId, path, handle);
        }

        @Override
        public io.cistern.smb.spi.SmbVolumeReply volume(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                        long shareId) {
            return listener.volume(caller, user, shareId);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus lock(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle,
                                                     byte[] owner, java.util.List<io.cistern.smb.spi.SmbLockRange> locks) {
            return listener.lock(caller, user, handle, owner, locks);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus unlock(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                       byte[] handle, byte[] owner,
                                                       java.util.List<io.cistern.smb.spi.SmbLockRange> ranges) {
            return listener.unlock(caller, user, handle, owner, ranges);
        }

        @Override
        public void unlockAll(SmbCaller caller, byte[] handle, byte[] owner) {
            listener.unlockAll(caller, handle, owner);
        }

        @Override
        public io.cistern.smb.spi.SmbFileStatus watch(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                      byte[] handle, boolean subtree,
                                                      io.cistern.smb.spi.SmbChangeSink sink) {
            return listener.watch(caller, user, handle, subtree, sink);
        }

        @Override
        public void unwatch(io.cistern.smb.spi.SmbChangeSink sink) {
            listener.unwatch(sink);
        }

        @Override
        public void announcePendingWrites() {
            listener.announcePendingWrites();
        }

        @Override
        public java.util.List<io.cistern.smb.spi.SmbShare> sharesFor(SmbCaller caller, String account) {
            return listener.sharesFor(caller, account);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
