package io.cistern.nfs.ra;

import static io.cistern.nfs.nlm.wire.WireRecords.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nlm.NlmProgram;
import io.cistern.nfs.nlm.client.RpcTransport;
import io.cistern.nfs.nlm.wire.Nlm4LockArgs;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.nlm.wire.Nlm4TestRes;
import io.cistern.nfs.nlm.wire.Nlm4UnlockArgs;
import io.cistern.nfs.nsm.NsmProgram;
import io.cistern.nfs.nsm.wire.SmName;
import io.cistern.nfs.nsm.wire.SmStatRes;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.xdr.XdrWriter;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NLM on a real adapter over real sockets: client A holds a lock, client B waits for it, and when A lets go the
 * application grants B through the callback, which the adapter delivers to B's own lock manager, found through the
 * portmapper of B's host. Both clients are Java on 127.0.0.1; B's lock manager is {@link CallbackServer}.
 */
class NlmAdapterTest {
    private static final long CALLBACK_TIMEOUT_MS = 900;
    private static final byte[] FILE = {0x0f, 1, 2, 3};
    private static final NlmLock A = lockOf("client-a", 0, 100);
    private static final NlmLock B = lockOf("client-b", 50, 100);
    private static final AtomicInteger XIDS = new AtomicInteger(1000);

    private final LockTable table = new LockTable();
    private final AdapterHarness harness = new AdapterHarness(table);
    private ClientHostPortmapper clientHost;
    private CallbackServer lockManagerOfB;
    private int nfsPort;

    @AfterEach
    void stop() throws Exception {
        harness.close();
        if (lockManagerOfB != null) {
            lockManagerOfB.close();
        }
        if (clientHost != null) {
            clientHost.close();
        }
    }

    private static NlmLock lockOf(String host, long offset, long length) {
        return new NlmLock(host, FILE, host.getBytes(StandardCharsets.US_ASCII), 100, offset, length);
    }

    private void activate() throws Exception {
        clientHost = new ClientHostPortmapper();
        lockManagerOfB = new CallbackServer();
        nfsPort = AdapterHarness.freePortForTcpAndUdp();
        harness.adapter.setPort(nfsPort);
        harness.adapter.setNlmClientPortmapperPort(clientHost.port);
        harness.adapter.setNlmCallbackTimeoutMs(CALLBACK_TIMEOUT_MS);
        harness.activate();
    }

    private RpcSocketClient.Reply nlm(RpcTransport transport, int procedure, Consumer<XdrWriter> arguments)
            throws Exception {
        int xid = XIDS.incrementAndGet();
        RpcSocketClient.Reply reply = transport == RpcTransport.TCP
                ? RpcSocketClient.overTcp(nfsPort, xid, NlmProgram.PROGRAM, NlmProgram.VERSION, procedure, arguments)
                : RpcSocketClient.overUdp(nfsPort, xid, NlmProgram.PROGRAM, NlmProgram.VERSION, procedure, arguments);
        assertEquals(xid, reply.header().xid());
        assertEquals(AcceptStat.SUCCESS, reply.header().acceptStat(), "NLM procedure " + procedure);
        return reply;
    }

    private Nlm4Res lock(RpcTransport transport, NlmLock lock, boolean block, byte[] cookie) throws Exception {
        return Nlm4Res.decode(nlm(transport, NlmProgram.PROC_LOCK,
                new Nlm4LockArgs(cookie, block, true, lock, false, 1)::encode).results());
    }

    private Nlm4Res unlock(RpcTransport transport, NlmLock lock) throws Exception {
        return Nlm4Res.decode(nlm(transport, NlmProgram.PROC_UNLOCK, new Nlm4UnlockArgs(new byte[] {2}, lock)::encode)
                .results());
    }

    /** A holds, B waits: the state every grant test starts from. */
    private void bWaitsForA(RpcTransport transport) throws Exception {
        assertEquals(NlmStatus.GRANTED, lock(transport, A, false, new byte[] {1}).status());
        Nlm4Res blocked = lock(transport, B, true, new byte[] {4, 5});
        assertEquals(NlmStatus.BLOCKED, blocked.status());
        assertArrayEquals(new byte[] {4, 5}, blocked.cookie());
        assertTrue(table.waits("client-b"));
    }

    @Test
    void aBlockedLockIsGrantedThroughTheClientsLockManagerWhenTheHolderUnlocks() throws Exception {
        activate();
        assertTrue(lockManagerOfB.register(clientHost.port, RpcTransport.TCP), "B's host takes a local SET");
        bWaitsForA(RpcTransport.TCP);
        assertEquals(NlmStatus.GRANTED, unlock(RpcTransport.TCP, A).status());

        CallbackServer.Received grant = lockManagerOfB.next(5_000);
        assertEquals(NlmProgram.PROC_GRANTED, grant.procedure());
        assertEquals(NlmProgram.VERSION, grant.version());
        assertEquals(RpcTransport.TCP, grant.transport(), "TCP preferred");
        Nlm4TestArgs args = Nlm4TestArgs.decode(grant.reader());
        assertEquals(render(B), render(args.lock()));
        assertTrue(args.exclusive());

        Thread.sleep(CALLBACK_TIMEOUT_MS + 200);
        assertNull(lockManagerOfB.received.poll(), "B accepted: told once");
        assertEquals(List.of("client-a"), table.unlockedBy(), "and its lock stays");
        assertTrue(table.holds("client-b"));
    }

    @Test
    void aGrantTheClientRefusesIsReleasedAgain() throws Exception {
        activate();
        lockManagerOfB.grantAnswer = NlmStatus.DENIED;
        assertTrue(lockManagerOfB.register(clientHost.port, RpcTransport.TCP));
        bWaitsForA(RpcTransport.TCP);
        unlock(RpcTransport.TCP, A);

        assertEquals(NlmProgram.PROC_GRANTED, lockManagerOfB.next(5_000).procedure());
        waitFor("B's lock released", () -> table.unlockedBy().contains("client-b"));
        assertFalse(table.holds("client-b"), "not held by nobody");
        assertEquals(render(B), render(table.unlocks.get(1)));
    }

    @Test
    void aClientThatCannotBeReachedHasItsGrantReleasedAfterThreeAttempts() throws Exception {
        activate();   // B's lock manager never registers with its host's portmapper
        bWaitsForA(RpcTransport.TCP);
        long unlocked = System.nanoTime();
        unlock(RpcTransport.TCP, A);

        waitFor("B's lock released", () -> table.unlockedBy().contains("client-b"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unlocked);
        long slot = CALLBACK_TIMEOUT_MS / 3;
        assertTrue(tookMillis >= 2 * slot, "three attempts, a slot apart, took only " + tookMillis + " ms");
        assertFalse(table.holds("client-b"));
        assertNull(lockManagerOfB.received.poll(), "nothing reached the unregistered lock manager");
    }

    @Test
    void theGrantGoesOverUdpToALockManagerRegisteredForUdpOnly() throws Exception {
        activate();
        assertTrue(lockManagerOfB.register(clientHost.port, RpcTransport.UDP));
        bWaitsForA(RpcTransport.UDP);
        unlock(RpcTransport.UDP, A);

        CallbackServer.Received grant = lockManagerOfB.next(5_000);
        assertEquals(NlmProgram.PROC_GRANTED, grant.procedure());
        assertEquals(RpcTransport.UDP, grant.transport());
        Thread.sleep(CALLBACK_TIMEOUT_MS + 200);
        assertTrue(table.holds("client-b"));
    }

    @Test
    void theMessageProceduresAreAnsweredByResCallsAndAGrantByGrantedMsg() throws Exception {
        activate();
        assertTrue(lockManagerOfB.register(clientHost.port, RpcTransport.TCP));
        assertEquals(NlmStatus.GRANTED, lock(RpcTransport.UDP, A, false, new byte[] {1}).status());

        assertEquals(0, nlm(RpcTransport.UDP, NlmProgram.PROC_TEST_MSG, new Nlm4TestArgs(new byte[] {6}, true, B)::encode)
                .results().remaining(), "a _MSG returns void");
        CallbackServer.Received testRes = lockManagerOfB.next(5_000);
        assertEquals(NlmProgram.PROC_TEST_RES, testRes.procedure());
        Nlm4TestRes tested = Nlm4TestRes.decode(testRes.reader());
        assertArrayEquals(new byte[] {6}, tested.cookie());
        assertEquals(NlmStatus.DENIED, tested.reply().status());
        assertArrayEquals(A.owner(), tested.reply().holder().owner(), "A holds it");

        nlm(RpcTransport.UDP, NlmProgram.PROC_LOCK_MSG, new Nlm4LockArgs(new byte[] {7}, true, true, B, false, 1)::encode);
        CallbackServer.Received lockRes = lockManagerOfB.next(5_000);
        assertEquals(NlmProgram.PROC_LOCK_RES, lockRes.procedure());
        assertEquals(render(new Nlm4Res(new byte[] {7}, NlmStatus.BLOCKED)), render(Nlm4Res.decode(lockRes.reader())));

        unlock(RpcTransport.UDP, A);
        CallbackServer.Received grant = lockManagerOfB.next(5_000);
        assertEquals(NlmProgram.PROC_GRANTED_MSG, grant.procedure(), "B asked with LOCK_MSG");
        Nlm4TestArgs granted = Nlm4TestArgs.decode(grant.reader());
        assertEquals(render(B), render(granted.lock()));
        nlm(RpcTransport.TCP, NlmProgram.PROC_GRANTED_RES, new Nlm4Res(granted.cookie(), NlmStatus.GRANTED)::encode);

        Thread.sleep(CALLBACK_TIMEOUT_MS + 200);
        assertNull(lockManagerOfB.received.poll(), "answered: GRANTED_MSG not repeated");
        assertTrue(table.holds("client-b"));
        nlm(RpcTransport.UDP, NlmProgram.PROC_UNLOCK_MSG, new Nlm4UnlockArgs(new byte[] {8}, B)::encode);
        CallbackServer.Received unlockRes = lockManagerOfB.next(5_000);
        assertEquals(NlmProgram.PROC_UNLOCK_RES, unlockRes.procedure());
        assertEquals(NlmStatus.GRANTED, Nlm4Res.decode(unlockRes.reader()).status());
        assertFalse(table.holds("client-b"));
    }

    @Test
    void theLockProgramsAnswerOverUdpOnTheNfsPortAndNfsDoesNot() throws Exception {
        activate();
        assertEquals(NlmStatus.GRANTED, lock(RpcTransport.UDP, A, false, new byte[] {1}).status());
        Nlm4TestRes test = Nlm4TestRes.decode(nlm(RpcTransport.UDP, NlmProgram.PROC_TEST,
                new Nlm4TestArgs(new byte[] {3}, false, B)::encode).results());
        assertEquals(NlmStatus.DENIED, test.reply().status());
        assertEquals(A.offset(), test.reply().holder().offset(), "A's range is reported");
        assertEquals(A.length(), test.reply().holder().length());
        assertEquals(NlmStatus.GRANTED, unlock(RpcTransport.UDP, A).status());

        RpcSocketClient.Reply stat = RpcSocketClient.overUdp(nfsPort, 5, NsmProgram.PROGRAM, NsmProgram.VERSION,
                NsmProgram.PROC_STAT, new SmName("anyone")::encode);
        SmStatRes state = SmStatRes.decode(stat.results());
        assertTrue(state.success());
        assertEquals(1, state.state() & 1, "odd: up");
        assertEquals(AcceptStat.PROG_UNAVAIL, RpcSocketClient.overUdp(nfsPort, 6, 100003, 3, 0, out -> { }).header()
                .acceptStat(), "NFS is TCP only");
        assertEquals(AcceptStat.PROG_UNAVAIL, RpcSocketClient.overUdp(nfsPort, 7, 100005, 3, 0, out -> { }).header()
                .acceptStat(), "MOUNT is TCP only");
    }

    @Test
    void aTakenUdpPortFailsTheActivationAndLeavesTheTcpPortFree() throws Exception {
        int port = AdapterHarness.freePortForTcpAndUdp();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(AdapterHarness.LOOPBACK, port))) {
            harness.adapter.setPort(port);
            ResourceException failure = assertThrows(ResourceException.class, harness::activate);
            assertTrue(failure.getMessage().startsWith("NLM UDP socket cannot bind 127.0.0.1:" + port),
                    failure.getMessage());
        }
        assertTrue(AdapterHarness.tcpFree(port));
        assertEquals(harness.endpointsCreated.get(), harness.endpointsReleased.get());
    }

    @Test
    void callbackSettingsOutOfRangeFailTheStart() {
        harness.adapter.setNlmCallbackTimeoutMs(299L);
        assertEquals("NFS adapter: NlmCallbackTimeoutMs must be at least 300, not 299",
                assertThrows(ResourceAdapterInternalException.class, harness::activate).getMessage());
        harness.adapter.setNlmCallbackTimeoutMs(300L);
        harness.adapter.setNlmClientPortmapperPort(0);
        assertEquals("NFS adapter: NlmClientPortmapperPort must be a port from 1 to 65535, not 0",
                assertThrows(ResourceAdapterInternalException.class, harness::activate).getMessage());
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
