package io.cistern.core.adapter;

import static io.cistern.core.adapter.NlmLockingTest.nlmLock;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.activity.TransferActivity;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandles;
import io.cistern.core.locks.LockManager;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.metrics.RequestRecorder;
import io.cistern.core.metrics.TransferBytes;
import io.cistern.core.nsm.HostMonitor;
import io.cistern.core.nsm.MemoryHostRecords;
import io.cistern.core.payload.MemoryReads;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.service.ServerIdentity;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import io.cistern.nfs.spi.NsmPeer;
import java.net.InetAddress;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MDB's NLM methods (and its note of every answer for the upload), wired as the container would wire them: replies for everything, exceptions for nothing. */
class NfsRequestMdbNlmTest {
    private final LockingMetadata metadata = new LockingMetadata();
    private final NfsRequestMdb mdb = new NfsRequestMdb();
    private final Attributes file = metadata.file("shared.log", 0666, 1000);
    private final byte[] handle = FakeMetadata.handle(file);
    private final NfsCaller client = FakeMetadata.caller(1000, "127.0.0.1");
    private LockManager locks = new LockManager(Duration.ZERO, System::nanoTime);
    private final MemoryHostRecords records = new MemoryHostRecords();
    /** Not opened: what these tests need of it, the last client request, is there from construction. */
    private final PayloadEngine engine = new PayloadEngine();
    private final HostMonitor hosts = new HostMonitor(records);

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        inject("metadata", metadata);
        inject("locks", locks);
        inject("hosts", hosts);
        inject("engine", engine);
        // the transfers these NLM calls never count: a plain instance, outside the container
        inject("activity", new TransferActivity());
        // wire() asks it for the reads answered from memory, which these NLM calls never make
        inject("payload", new PayloadService() {
            @Override
            public MemoryReads readsInMemory() {
                return null;
            }
        });
        // no metric registry outside the container: these calls record nothing
        inject("metrics", new ProtocolMetrics() {
            @Override
            public RequestRecorder requests(String protocol) {
                return RequestRecorder.NONE;
            }

            @Override
            public TransferBytes transferBytes(String protocol) {
                return TransferBytes.NONE;
            }
        });
        inject("identity", new ServerIdentity() {
            @Override
            public FileHandles fileHandles() {
                return FakeMetadata.HANDLES;
            }
        });
        mdb.wire();
    }

    private void inject(String field, Object value) throws ReflectiveOperationException {
        Field declared = NfsRequestMdb.class.getDeclaredField(field);
        declared.setAccessible(true);
        declared.set(mdb, value);
    }

    private NlmLock lock(String host, long offset, long length) {
        return nlmLock(host, 1, handle, offset, length);
    }

    @Test
    void locksTakenThroughTheMdbAreSeenByOtherClients() {
        assertEquals(NlmStatus.GRANTED, mdb.nlmLock(client, lock("alpha", 0, 10), true, false, false, null));
        NlmTestReply test = mdb.nlmTest(client, lock("beta", 5, 1), false);
        assertEquals(NlmStatus.DENIED, test.status());
        assertEquals(0, test.holder().offset());
        assertEquals(NlmStatus.GRANTED, mdb.nlmUnlock(client, lock("alpha", 0, 0)));
        assertEquals(NlmStatus.GRANTED, mdb.nlmTest(client, lock("beta", 5, 1), false).status());
    }

    @Test
    void aBlockedLockIsGrantedThroughTheAdaptersCallback() {
        List<NlmLock> told = new ArrayList<>();
        mdb.nlmLock(client, lock("alpha", 0, 10), true, false, false, null);
        NlmLock waiting = lock("beta", 0, 10);
        assertEquals(NlmStatus.BLOCKED, mdb.nlmLock(client, waiting, true, true, false, (l, x) -> told.add(l)));
        assertEquals(NlmStatus.GRANTED, mdb.nlmCancel(client, lock("gamma", 0, 10), true));
        mdb.nlmUnlock(client, lock("alpha", 0, 0));
        assertEquals(List.of(waiting), told);
    }

    @Test
    void sharesAndFreeAllReachTheLockManager() {
        NlmShare denyWrite = new NlmShare("alpha", handle, new byte[] {1}, 2, 1);
        assertEquals(NlmStatus.GRANTED, mdb.nlmShare(client, denyWrite, false));
        assertEquals(NlmStatus.DENIED, mdb.nlmShare(client, new NlmShare("beta", handle, new byte[] {2}, 0, 2), false));
        mdb.nlmLock(client, lock("alpha", 0, 10), true, false, false, null);
        mdb.nlmFreeAll(client, "alpha");
        assertEquals(List.of(), locks.held(file.inodeId()));
        assertEquals(List.of(), locks.shares(file.inodeId()));
        assertEquals(NlmStatus.GRANTED, mdb.nlmUnshare(client, denyWrite));
    }

    @Test
    void theStatusMonitorsMemoryReachesTheAdapterAsPeers() throws Exception {
        mdb.nlmLock(client, lock("alpha", 0, 10), true, false, false, null);
        assertEquals(List.of(), mdb.nsmPeersToNotify(), "locked in this life: nobody to tell of this start");
        int state = mdb.nsmState();
        assertEquals(1, state & 1);

        HostMonitor restarted = new HostMonitor(records);
        inject("hosts", restarted);
        mdb.wire();
        assertTrue(mdb.nsmState() > state, "a restart raises the state number");
        NsmPeer alpha = new NsmPeer("alpha", InetAddress.getByName("127.0.0.1"));
        assertEquals(List.of(alpha), mdb.nsmPeersToNotify());
        mdb.nsmPeerNotified(alpha);
        assertEquals(List.of(), mdb.nsmPeersToNotify(), "told: forgotten until it locks again");
    }

    /** What the upload's pacing goes by: any answer, a failure too (this handle is unknown to the fake). */
    @Test
    void everyAnsweredRequestTellsTheUploadThatClientsAreAtWork() {
        long second = TimeUnit.SECONDS.toNanos(1);
        assertFalse(engine.lastClientRequest().within(System.nanoTime(), second), "no request yet");
        mdb.getattr(client, new byte[] {1, 2, 3});
        assertTrue(engine.lastClientRequest().within(System.nanoTime(), second));
    }

    @Test
    void failuresAreRepliesNotExceptions() throws ReflectiveOperationException {
        NlmTestReply stale = mdb.nlmTest(client, nlmLock("alpha", 1, new byte[] {9}, 0, 0), true);
        assertEquals(NlmStatus.STALE_FH, stale.status());
        assertNull(stale.holder());
        metadata.broken = true;
        assertEquals(NlmStatus.FAILED, mdb.nlmLock(client, lock("alpha", 0, 10), false, false, false, null));
        locks = new LockManager(Duration.ZERO, System::nanoTime) {
            @Override
            public void freeAll(String protocol, String host) {
                throw new IllegalStateException("broken");
            }
        };
        wire();
        assertDoesNotThrow(() -> mdb.nlmFreeAll(client, "alpha"));
    }
}
