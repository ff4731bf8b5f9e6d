package io.cistern.nfs.nlm;

import static io.cistern.nfs.nlm.NlmProgramTest.COOKIE;
import static io.cistern.nfs.nlm.NlmProgramTest.LOCK;
import static io.cistern.nfs.nlm.wire.WireRecords.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nlm.NlmDatagrams.Reply;
import io.cistern.nfs.nlm.client.RpcTransport;
import io.cistern.nfs.nlm.client.XdrBytes;
import io.cistern.nfs.nlm.wire.Nlm4CancArgs;
import io.cistern.nfs.nlm.wire.Nlm4LockArgs;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.nlm.wire.Nlm4TestRes;
import io.cistern.nfs.nlm.wire.Nlm4UnlockArgs;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import io.cistern.nfs.xdr.XdrWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous procedures: each _MSG answered void at once, its result sent as the matching _RES call to the
 * lock manager the client's portmapper names; and GRANTED_MSG with its GRANTED_RES for locks that waited.
 */
class NlmMessagesTest {
    private static final long TIMEOUT_MS = 600;

    private final RecordingNlmListener application = new RecordingNlmListener();
    private final ScriptedRpcClient network = new ScriptedRpcClient();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final NlmCallbacks callbacks = new NlmCallbacks(network, timers, task -> {
        task.accept(application);
        return true;
    }, 111, TIMEOUT_MS);
    private final NlmDatagrams server = new NlmDatagrams(Map.of(NlmProgram.PROGRAM, NlmProgram.create(callbacks)),
            application);

    @AfterEach
    void close() {
        server.close();
        timers.shutdownNow();
    }

    private void message(int procedure, Consumer<XdrWriter> arguments) throws Exception {
        Reply reply = server.call(NlmProgram.PROGRAM, NlmProgram.VERSION, procedure, arguments);
        assertEquals(AcceptStat.SUCCESS, reply.header().acceptStat());
        assertEquals(0, reply.results().remaining(), "a _MSG returns void");
    }

    /** The one NLM call made back to the client since the test began, after its portmapper was asked. */
    private ScriptedRpcClient.Call onlyCallback(int procedure) throws InterruptedException {
        Await.until("a callback", 2_000, () -> !network.nlmCalls().isEmpty());
        List<ScriptedRpcClient.Call> nlm = network.nlmCalls();
        assertEquals(1, nlm.size());
        ScriptedRpcClient.Call call = nlm.get(0);
        assertEquals(procedure, call.procedure());
        assertEquals(NlmProgram.PROGRAM, call.program());
        assertEquals(NlmProgram.VERSION, call.version());
        assertEquals(new InetSocketAddress(NlmDatagrams.CLIENT.getAddress(), 4045), call.server().address(),
                "the client host, at the port its portmapper gave for TCP");
        assertEquals(RpcTransport.TCP, call.server().transport());
        return call;
    }

    @Test
    void testMsgAsksTheClientsPortmapperThenSendsTestRes() throws Exception {
        NlmHolder holder = new NlmHolder(false, 3, new byte[] {3}, 5, 6);
        application.testReply = new NlmTestReply(NlmStatus.DENIED, holder);
        message(NlmProgram.PROC_TEST_MSG, new Nlm4TestArgs(COOKIE, false, LOCK)::encode);

        ScriptedRpcClient.Call getport = network.calls.get(0);
        assertEquals(new InetSocketAddress(NlmDatagrams.CLIENT.getAddress(), 111), getport.server().address());
        assertEquals(RpcTransport.UDP, getport.server().transport());
        assertEquals(new PortMapping(100021, 4, PortMapping.IPPROTO_TCP, 0),
                XdrBytes.decode(getport.arguments(), PortMapping::decode));
        Nlm4TestRes sent = XdrBytes.decode(onlyCallback(NlmProgram.PROC_TEST_RES).arguments(), Nlm4TestRes::decode);
        assertEquals(render(new Nlm4TestRes(COOKIE, new NlmTestReply(NlmStatus.DENIED, holder))), render(sent));
    }

    @Test
    void lockMsgIsAnsweredWithLockRes() throws Exception {
        application.status = NlmStatus.DENIED_NOLOCKS;
        message(NlmProgram.PROC_LOCK_MSG, new Nlm4LockArgs(COOKIE, false, true, LOCK, false, 1)::encode);
        Nlm4Res sent = XdrBytes.decode(onlyCallback(NlmProgram.PROC_LOCK_RES).arguments(), Nlm4Res::decode);
        assertEquals(render(new Nlm4Res(COOKIE, NlmStatus.DENIED_NOLOCKS)), render(sent));
        assertEquals(render(LOCK), render(application.calls("nlmLock").get(0).subject()));
    }

    @Test
    void cancelMsgIsAnsweredWithCancelRes() throws Exception {
        application.status = NlmStatus.DENIED;
        message(NlmProgram.PROC_CANCEL_MSG, new Nlm4CancArgs(COOKIE, true, false, LOCK)::encode);
        Nlm4Res sent = XdrBytes.decode(onlyCallback(NlmProgram.PROC_CANCEL_RES).arguments(), Nlm4Res::decode);
        assertEquals(render(new Nlm4Res(COOKIE, NlmStatus.DENIED)), render(sent));
        assertEquals(1, application.calls("nlmCancel").size());
    }

    @Test
    void unlockMsgIsAnsweredWithUnlockRes() throws Exception {
        message(NlmProgram.PROC_UNLOCK_MSG, new Nlm4UnlockArgs(COOKIE, LOCK)::encode);
        Nlm4Res sent = XdrBytes.decode(onlyCallback(NlmProgram.PROC_UNLOCK_RES).arguments(), Nlm4Res::decode);
        assertEquals(render(new Nlm4Res(COOKIE, NlmStatus.GRANTED)), render(sent));
        assertEquals(1, application.calls("nlmUnlock").size());
    }

    @Test
    void grantedMsgToTheServerIsAnsweredWithGrantedResDenied() throws Exception {
        message(NlmProgram.PROC_GRANTED_MSG, new Nlm4TestArgs(COOKIE, true, LOCK)::encode);
        Nlm4Res sent = XdrBytes.decode(onlyCallback(NlmProgram.PROC_GRANTED_RES).arguments(), Nlm4Res::decode);
        assertEquals(render(new Nlm4Res(COOKIE, NlmStatus.DENIED)), render(sent));
    }

    @Test
    void aResGoesOverUdpWhenTheClientRegisteredNoTcp() throws Exception {
        network.tcpPort = 0;
        message(NlmProgram.PROC_UNLOCK_MSG, new Nlm4UnlockArgs(COOKIE, LOCK)::encode);
        Await.until("UNLOCK_RES", 2_000, () -> !network.nlmCalls().isEmpty());
        assertEquals(new InetSocketAddress(NlmDatagrams.CLIENT.getAddress(), 4046), network.nlmCalls().get(0).server()
                .address());
        assertEquals(RpcTransport.UDP, network.nlmCalls().get(0).server().transport());
    }

    @Test
    void aClientWithoutALockManagerStillGetsItsVoidReplyAndTheOperationStands() throws Exception {
        network.tcpPort = 0;
        network.udpPort = 0;
        message(NlmProgram.PROC_UNLOCK_MSG, new Nlm4UnlockArgs(COOKIE, LOCK)::encode);
        assertEquals(2, network.calls.size(), "asked for TCP, then UDP");
        assertTrue(network.nlmCalls().isEmpty());
        assertEquals(1, application.calls("nlmUnlock").size());
    }

    @Test
    void aBlockedLockMsgIsGrantedByGrantedMsgAndARefusingGrantedResReleasesIt() throws Exception {
        application.status = NlmStatus.BLOCKED;
        message(NlmProgram.PROC_LOCK_MSG, new Nlm4LockArgs(COOKIE, true, true, LOCK, false, 1)::encode);
        network.calls.clear();
        application.calls("nlmLock").get(0).whenGranted().granted(LOCK, true);

        Nlm4TestArgs grant = XdrBytes.decode(onlyCallback(NlmProgram.PROC_GRANTED_MSG).arguments(),
                Nlm4TestArgs::decode);
        assertEquals(render(LOCK), render(grant.lock()));
        assertTrue(grant.exclusive());
        assertEquals(8, grant.cookie().length, "the server's own cookie, to match GRANTED_RES");

        message(NlmProgram.PROC_GRANTED_RES, new Nlm4Res(grant.cookie(), NlmStatus.DENIED)::encode);
        Await.until("the lock released", 2_000, () -> !application.calls("nlmUnlock").isEmpty());
        var unlock = application.calls("nlmUnlock").get(0);
        assertEquals(render(LOCK), render(unlock.subject()));
        assertEquals(NlmDatagrams.CLIENT, unlock.caller().client(), "released for the caller that locked");
    }

    @Test
    void grantedResGrantedKeepsTheLockAndStrangersCannotAnswerForTheClient() throws Exception {
        application.status = NlmStatus.BLOCKED;
        message(NlmProgram.PROC_LOCK_MSG, new Nlm4LockArgs(COOKIE, true, true, LOCK, false, 1)::encode);
        network.calls.clear();
        application.calls("nlmLock").get(0).whenGranted().granted(LOCK, true);
        byte[] cookie = XdrBytes.decode(onlyCallback(NlmProgram.PROC_GRANTED_MSG).arguments(), Nlm4TestArgs::decode)
                .cookie();

        InetSocketAddress stranger = new InetSocketAddress("192.0.2.66", 800);
        server.call(stranger, 900, NlmProgram.PROGRAM, 4, NlmProgram.PROC_GRANTED_RES,
                new Nlm4Res(cookie, NlmStatus.DENIED)::encode);
        message(NlmProgram.PROC_GRANTED_RES, new Nlm4Res(new byte[] {1, 2}, NlmStatus.DENIED)::encode);
        message(NlmProgram.PROC_GRANTED_RES, new Nlm4Res(cookie, NlmStatus.GRANTED)::encode);
        Thread.sleep(TIMEOUT_MS + 200);
        assertTrue(application.calls("nlmUnlock").isEmpty(), "the client took it; nobody else could refuse it");
        assertEquals(1, network.nlmCalls().size(), "and GRANTED_MSG was not sent again");
    }

    @Test
    void aGrantedMsgThatIsNeverAnsweredIsSentThreeTimesThenReleased() throws Exception {
        application.status = NlmStatus.BLOCKED;
        message(NlmProgram.PROC_LOCK_MSG, new Nlm4LockArgs(COOKIE, true, true, LOCK, false, 1)::encode);
        network.calls.clear();
        application.calls("nlmLock").get(0).whenGranted().granted(LOCK, true);
        Await.until("the lock released", 3 * TIMEOUT_MS, () -> !application.calls("nlmUnlock").isEmpty());
        assertEquals(NlmCallbacks.GRANT_ATTEMPTS, network.nlmCalls().size());
        assertTrue(network.nlmCalls().stream().allMatch(call -> call.procedure() == NlmProgram.PROC_GRANTED_MSG));
    }
}
