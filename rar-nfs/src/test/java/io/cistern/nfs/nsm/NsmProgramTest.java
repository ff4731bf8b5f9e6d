package io.cistern.nfs.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nlm.NlmDatagrams;
import io.cistern.nfs.nlm.RecordingNlmListener;
import io.cistern.nfs.nsm.wire.Mon;
import io.cistern.nfs.nsm.wire.MonId;
import io.cistern.nfs.nsm.wire.MyId;
import io.cistern.nfs.nsm.wire.SmName;
import io.cistern.nfs.nsm.wire.SmStat;
import io.cistern.nfs.nsm.wire.SmStatRes;
import io.cistern.nfs.nsm.wire.StatChge;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.xdr.XdrWriter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status monitor through the RPC pipeline: its state number, restart notices, and what it refuses. */
class NsmProgramTest {
    private static final int STATE = 41;
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 700);
    private static final MyId LOCKD = new MyId("localhost", 100021, 4, 16);

    private final RecordingNlmListener application = new RecordingNlmListener();
    private final NlmDatagrams server = new NlmDatagrams(Map.of(NsmProgram.PROGRAM, NsmProgram.create()), application);
    private int xid = 1;

    @AfterEach
    void close() {
        server.close();
    }

    private NlmDatagrams.Reply call(InetSocketAddress from, int procedure, Consumer<XdrWriter> arguments) throws Exception {
        NlmDatagrams.Reply reply = server.call(from, xid++, NsmProgram.PROGRAM, NsmProgram.VERSION, procedure, arguments);
        assertEquals(AcceptStat.SUCCESS, reply.header().acceptStat());
        return reply;
    }

    @BeforeEach
    void state() {
        application.nsmState = STATE;
    }

    @Test
    void statAnswersSuccessWithTheApplicationsStateNumberToAnyone() throws Exception {
        var reply = call(NlmDatagrams.CLIENT, NsmProgram.PROC_STAT, new SmName("whoever")::encode);
        assertEquals(new SmStatRes(true, STATE), SmStatRes.decode(reply.results()));
        assertTrue(application.calls.isEmpty(), "nothing asked of the application but its state number");
        application.nsmState = STATE + 2;
        reply = call(NlmDatagrams.CLIENT, NsmProgram.PROC_STAT, new SmName("whoever")::encode);
        assertEquals(new SmStatRes(true, STATE + 2), SmStatRes.decode(reply.results()),
                "the application keeps the number, and it changes only with a restart of the application");
    }

    @Test
    void monSucceedsForALocalLockManagerOnlyAndUnmonAnswersTheState() throws Exception {
        Mon mon = new Mon(new MonId("peer", LOCKD), new byte[Mon.PRIV_BYTES]);
        assertEquals(new SmStatRes(true, STATE), SmStatRes.decode(call(LOCAL, NsmProgram.PROC_MON, mon::encode).results()));
        assertEquals(new SmStatRes(false, STATE),
                SmStatRes.decode(call(NlmDatagrams.CLIENT, NsmProgram.PROC_MON, mon::encode).results()),
                "monitoring is for this host's lock manager only");
        assertEquals(new SmStat(STATE), SmStat.decode(call(LOCAL, NsmProgram.PROC_UNMON, mon.monId()::encode).results()));
        assertEquals(new SmStat(STATE), SmStat.decode(call(LOCAL, NsmProgram.PROC_UNMON_ALL, LOCKD::encode).results()));
    }

    @Test
    void notifyOfARestartedClientFreesEverythingItHeld() throws Exception {
        var reply = call(NlmDatagrams.CLIENT, NsmProgram.PROC_NOTIFY, new StatChge("client.example", 8)::encode);
        assertEquals(0, reply.results().remaining());
        RecordingNlmListener.Call freeAll = application.calls("nlmFreeAll").get(0);
        assertEquals("client.example", freeAll.subject());
        assertEquals(NlmDatagrams.CLIENT, freeAll.caller().client());
    }

    @Test
    void aRetransmittedNotifyIsNotRunTwice() throws Exception {
        Consumer<XdrWriter> change = new StatChge("client.example", 8)::encode;
        server.call(NlmDatagrams.CLIENT, 77, NsmProgram.PROGRAM, 1, NsmProgram.PROC_NOTIFY, change);
        server.call(NlmDatagrams.CLIENT, 77, NsmProgram.PROGRAM, 1, NsmProgram.PROC_NOTIFY, change);
        assertEquals(1, application.calls("nlmFreeAll").size(), "locks taken in between would go too");
    }

    @Test
    void simuCrashIsNotServed() throws Exception {
        var reply = server.call(LOCAL, 9, NsmProgram.PROGRAM, 1, NsmProgram.PROC_SIMU_CRASH, out -> { });
        assertEquals(AcceptStat.PROC_UNAVAIL, reply.header().acceptStat());
        assertEquals(AcceptStat.SUCCESS, call(LOCAL, NsmProgram.PROC_NULL, out -> { }).header().acceptStat());
    }
}
