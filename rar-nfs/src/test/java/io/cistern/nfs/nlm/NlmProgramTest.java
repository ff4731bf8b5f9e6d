package io.cistern.nfs.nlm;

import static io.cistern.nfs.nlm.wire.WireRecords.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nlm.NlmDatagrams.Reply;
import io.cistern.nfs.nlm.RecordingNlmListener.Call;
import io.cistern.nfs.nlm.wire.Nlm4CancArgs;
import io.cistern.nfs.nlm.wire.Nlm4LockArgs;
import io.cistern.nfs.nlm.wire.Nlm4Notify;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4ShareArgs;
import io.cistern.nfs.nlm.wire.Nlm4ShareRes;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.nlm.wire.Nlm4TestRes;
import io.cistern.nfs.nlm.wire.Nlm4UnlockArgs;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each synchronous NLM procedure through the RPC pipeline, against a recording application. */
class NlmProgramTest {
    static final byte[] COOKIE = {0x0c, 0x00, 0x0c};
    static final NlmLock LOCK = new NlmLock("client", new byte[] {1, 2, 3}, new byte[] {9}, 77, 10, 20);
    static final NlmShare SHARE = new NlmShare("client", new byte[] {1, 2, 3}, new byte[] {9}, 1, 3);

    final RecordingNlmListener application = new RecordingNlmListener();
    final ScriptedRpcClient network = new ScriptedRpcClient();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final NlmCallbacks callbacks = new NlmCallbacks(network, timers, task -> {
        task.accept(application);
        return true;
    }, 111, 3_000);
    final NlmDatagrams server = new NlmDatagrams(Map.of(NlmProgram.PROGRAM, NlmProgram.create(callbacks)), application);

    @AfterEach
    void close() {
        server.close();
        timers.shutdownNow();
    }

    Reply call(int procedure, java.util.function.Consumer<io.cistern.nfs.xdr.XdrWriter> arguments) throws Exception {
        Reply reply = server.call(NlmProgram.PROGRAM, NlmProgram.VERSION, procedure, arguments);
        assertEquals(AcceptStat.SUCCESS, reply.header().acceptStat(), "procedure " + procedure);
        return reply;
    }

    @Test
    void nullReachesTheApplication() throws Exception {
        call(NlmProgram.PROC_NULL, out -> { });
        assertEquals(NlmDatagrams.CLIENT, application.calls("ping").get(0).caller().client());
    }

    @Test
    void testPassesLockAndModeAndEchoesTheCookieWithTheHolder() throws Exception {
        NlmHolder holder = new NlmHolder(true, 5, new byte[] {4}, 0, 100);
        application.testReply = new NlmTestReply(NlmStatus.DENIED, holder);
        Reply reply = call(NlmProgram.PROC_TEST, new Nlm4TestArgs(COOKIE, true, LOCK)::encode);
        Nlm4TestRes res = Nlm4TestRes.decode(reply.results());
        assertArrayEquals(COOKIE, res.cookie());
        assertEquals(render(holder), render(res.reply().holder()));
        Call test = application.calls("nlmTest").get(0);
        assertEquals(render(LOCK), render(test.subject()));
        assertTrue(test.exclusive());
        assertEquals("client", test.caller().machineName(), "the AUTH_SYS identity reaches the application");
    }

    @Test
    void aBlockingLockGetsALiveGrantCallbackAndEchoesTheCookie() throws Exception {
        application.status = NlmStatus.BLOCKED;
        Reply reply = call(NlmProgram.PROC_LOCK, new Nlm4LockArgs(COOKIE, true, true, LOCK, true, 3)::encode);
        Nlm4Res res = Nlm4Res.decode(reply.results());
        assertArrayEquals(COOKIE, res.cookie());
        assertEquals(NlmStatus.BLOCKED, res.status());
        Call lock = application.calls("nlmLock").get(0);
        assertEquals(render(LOCK), render(lock.subject()));
        assertTrue(lock.exclusive() && lock.block() && lock.reclaim());
        assertNotSame(NlmCallbacks.NOT_BLOCKING, lock.whenGranted());
    }

    @Test
    void aNonBlockingLockCannotBeGrantedLater() throws Exception {
        call(NlmProgram.PROC_LOCK, new Nlm4LockArgs(COOKIE, false, false, LOCK, false, 3)::encode);
        Call lock = application.calls("nlmLock").get(0);
        assertFalse(lock.block() || lock.exclusive() || lock.reclaim());
        assertSame(NlmCallbacks.NOT_BLOCKING, lock.whenGranted());
    }

    @Test
    void nmLockNeverBlocksWhateverItsFlagSays() throws Exception {
        application.status = NlmStatus.DENIED;
        Reply reply = call(NlmProgram.PROC_NM_LOCK, new Nlm4LockArgs(COOKIE, true, true, LOCK, false, 0)::encode);
        assertEquals(NlmStatus.DENIED, Nlm4Res.decode(reply.results()).status());
        Call lock = application.calls("nlmLock").get(0);
        assertFalse(lock.block(), "NM_LOCK is non-blocking");
        assertSame(NlmCallbacks.NOT_BLOCKING, lock.whenGranted());
    }

    @Test
    void cancelAndUnlockPassTheLockAndEchoTheCookieWithTheStatus() throws Exception {
        application.status = NlmStatus.DENIED;
        Nlm4Res cancel = Nlm4Res.decode(call(NlmProgram.PROC_CANCEL,
                new Nlm4CancArgs(COOKIE, true, true, LOCK)::encode).results());
        application.status = NlmStatus.GRANTED;
        Nlm4Res unlock = Nlm4Res.decode(call(NlmProgram.PROC_UNLOCK, new Nlm4UnlockArgs(new byte[] {1}, LOCK)::encode)
                .results());
        assertEquals(render(new Nlm4Res(COOKIE, NlmStatus.DENIED)), render(cancel));
        assertEquals(render(new Nlm4Res(new byte[] {1}, NlmStatus.GRANTED)), render(unlock));
        assertTrue(application.calls("nlmCancel").get(0).exclusive());
        assertEquals(render(LOCK), render(application.calls("nlmUnlock").get(0).subject()));
    }

    @Test
    void shareAndUnshareAnswerShareresWithSequenceZero() throws Exception {
        application.status = NlmStatus.DENIED_GRACE_PERIOD;
        Reply share = call(NlmProgram.PROC_SHARE, new Nlm4ShareArgs(COOKIE, SHARE, true)::encode);
        assertEquals(render(new Nlm4ShareRes(COOKIE, NlmStatus.DENIED_GRACE_PERIOD, 0)),
                render(Nlm4ShareRes.decode(share.results())));
        application.status = NlmStatus.GRANTED;
        Reply unshare = call(NlmProgram.PROC_UNSHARE, new Nlm4ShareArgs(COOKIE, SHARE, false)::encode);
        assertEquals(NlmStatus.GRANTED, Nlm4ShareRes.decode(unshare.results()).status());
        assertTrue(application.calls("nlmShare").get(0).reclaim());
        assertEquals(render(SHARE), render(application.calls("nlmUnshare").get(0).subject()));
    }

    @Test
    void freeAllPassesTheHostNameAndRepliesVoid() throws Exception {
        Reply reply = call(NlmProgram.PROC_FREE_ALL, new Nlm4Notify("rebooted.example", 5)::encode);
        assertEquals(0, reply.results().remaining());
        assertEquals("rebooted.example", application.calls("nlmFreeAll").get(0).subject());
    }

    @Test
    void grantedSentToTheServerIsDeniedWithoutAskingTheApplication() throws Exception {
        Reply reply = call(NlmProgram.PROC_GRANTED, new Nlm4TestArgs(COOKIE, true, LOCK)::encode);
        assertEquals(render(new Nlm4Res(COOKIE, NlmStatus.DENIED)), render(Nlm4Res.decode(reply.results())));
        assertTrue(application.calls.isEmpty());
    }

    @Test
    void aRetransmittedLockIsAnsweredFromTheCacheWithoutLockingTwice() throws Exception {
        application.status = NlmStatus.BLOCKED;
        var args = new Nlm4LockArgs(COOKIE, true, true, LOCK, false, 3);
        Reply first = server.call(NlmDatagrams.CLIENT, 500, NlmProgram.PROGRAM, 4, NlmProgram.PROC_LOCK, args::encode);
        application.status = NlmStatus.GRANTED;
        Reply again = server.call(NlmDatagrams.CLIENT, 500, NlmProgram.PROGRAM, 4, NlmProgram.PROC_LOCK, args::encode);
        assertArrayEquals(first.bytes(), again.bytes(), "the BLOCKED reply again");
        assertEquals(1, application.calls("nlmLock").size(), "one waiter, not two");
        server.call(NlmDatagrams.CLIENT, 501, NlmProgram.PROGRAM, 4, NlmProgram.PROC_LOCK, args::encode);
        assertEquals(2, application.calls("nlmLock").size(), "a new xid is a new request");
    }

    @Test
    void theResultProceduresAreNotServedAndOtherVersionsAreMismatched() throws Exception {
        for (int procedure = NlmProgram.PROC_TEST_RES; procedure <= NlmProgram.PROC_UNLOCK_RES; procedure++) {
            assertEquals(AcceptStat.PROC_UNAVAIL, server.call(NlmProgram.PROGRAM, 4, procedure,
                    new Nlm4Res(COOKIE, NlmStatus.GRANTED)::encode).header().acceptStat(), "procedure " + procedure);
        }
        for (int version : new int[] {1, 3}) {
            var header = server.call(NlmProgram.PROGRAM, version, NlmProgram.PROC_NULL, out -> { }).header();
            assertEquals(AcceptStat.PROG_MISMATCH, header.acceptStat());
            assertEquals(4, header.low());
            assertEquals(4, header.high());
        }
        assertTrue(application.calls.isEmpty());
    }

    @Test
    void argumentsOutsideTheirEnumsAreGarbage() throws Exception {
        NlmShare badMode = new NlmShare("client", new byte[0], new byte[0], 7, 0);
        assertEquals(AcceptStat.GARBAGE_ARGS, server.call(NlmProgram.PROGRAM, 4, NlmProgram.PROC_SHARE,
                out -> out.writeOpaque(COOKIE).writeString("c").writeOpaque(new byte[0]).writeOpaque(new byte[0])
                        .writeInt(badMode.mode()).writeInt(0).writeBoolean(false)).header().acceptStat());
        assertEquals(AcceptStat.GARBAGE_ARGS, server.call(NlmProgram.PROGRAM, 4, NlmProgram.PROC_GRANTED_RES,
                out -> out.writeOpaque(COOKIE).writeInt(42)).header().acceptStat());
        assertTrue(application.calls.isEmpty());
    }
}
