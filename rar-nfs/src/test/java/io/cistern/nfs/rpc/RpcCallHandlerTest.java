package io.cistern.nfs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.nfs3.wire.Write3Args;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.rpc.RpcReply.AuthStat;
import io.cistern.nfs.rpc.RpcReply.RejectStat;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWriteReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The RPC layer against a listener that records its calls; replies are checked as a client would read them. */
class RpcCallHandlerTest {
    private static final int MAX_RECORD = 4096;

    private final List<NfsCaller> pings = new ArrayList<>();
    private RuntimeException listenerFailure;
    private boolean executorAccepts = true;
    private final NfsListener listener = new UnsupportedNfsListener() {
        @Override
        public void ping(NfsCaller caller) {
            if (listenerFailure != null) {
                throw listenerFailure;
            }
            pings.add(caller);
        }

        @Override
        public NfsWriteReply write(NfsCaller caller, byte[] handle, long offset, ByteBuffer data, int stable) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            written.add(bytes);
            return NfsWriteReply.failure(NfsStatus.ROFS);
        }

        @Override
        public void adapterEvent(NfsAdapterEvent event) {
        }
    };
    private final List<byte[]> written = new ArrayList<>();
    private final RequestExecutor inline = task -> {
        if (!executorAccepts) {
            return false;
        }
        try {
            task.accept(listener);
        } catch (RuntimeException expected) {
            // the worker pool logs and renews its endpoint; the reply is already written
        }
        return true;
    };
    private final EmbeddedChannel channel = new EmbeddedChannel(new RecordMarkingDecoder(MAX_RECORD), new RecordMarkingEncoder(),
            new RpcCallHandler(Map.of(Nfs3Program.PROGRAM, Nfs3Program.create(), MountProgram.PROGRAM, MountProgram.create()),
                    inline, 16));

    @AfterEach
    void channelStaysOpen() {
        assertTrue(channel.isOpen(), "the connection must survive");
        channel.finishAndReleaseAll();
    }

    @Test
    void nullProcedureOfNfsAndMountReachesTheListener() throws Exception {
        RpcReply nfs = call(header(1, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE));
        RpcReply mount = call(header(2, 2, MountProgram.PROGRAM, 3, 0, OpaqueAuth.NONE));
        assertEquals(AcceptStat.SUCCESS, nfs.acceptStat());
        assertEquals(1, nfs.xid());
        assertEquals(AcceptStat.SUCCESS, mount.acceptStat());
        assertEquals(2, pings.size());
        assertFalse(pings.get(0).authenticated());
        assertEquals(NfsCaller.NOBODY, pings.get(0).uid());
    }

    @Test
    void authSysIdentityIsPassedOn() throws Exception {
        OpaqueAuth sys = new AuthSysParams(7, "client1", 1000, 100, List.of(4, 27)).encode();
        RpcReply reply = call(header(3, 2, Nfs3Program.PROGRAM, 3, 0, sys));
        assertEquals(AcceptStat.SUCCESS, reply.acceptStat());
        NfsCaller caller = pings.get(0);
        assertTrue(caller.authenticated());
        assertEquals(1000, caller.uid());
        assertEquals(100, caller.gid());
        assertEquals(List.of(4, 27), caller.groups());
        assertEquals("client1", caller.machineName());
    }

    @Test
    void unknownProgramIsProgUnavail() throws Exception {
        assertEquals(AcceptStat.PROG_UNAVAIL, call(header(4, 2, 100099, 1, 0, OpaqueAuth.NONE)).acceptStat());
    }

    @Test
    void wrongVersionIsProgMismatchWithTheSupportedRange() throws Exception {
        RpcReply reply = call(header(5, 2, Nfs3Program.PROGRAM, 4, 0, OpaqueAuth.NONE));
        assertEquals(AcceptStat.PROG_MISMATCH, reply.acceptStat());
        assertEquals(3, reply.low());
        assertEquals(3, reply.high());
    }

    @Test
    void unknownProcedureIsProcUnavail() throws Exception {
        assertEquals(AcceptStat.PROC_UNAVAIL, call(header(6, 2, Nfs3Program.PROGRAM, 3, 99, OpaqueAuth.NONE)).acceptStat());
    }

    @Test
    void wrongRpcVersionIsDenied() throws Exception {
        RpcReply reply = call(header(7, 3, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE));
        assertFalse(reply.accepted());
        assertEquals(RejectStat.RPC_MISMATCH, reply.rejectStat());
        assertEquals(2, reply.low());
        assertEquals(2, reply.high());
    }

    @Test
    void unsupportedOrBrokenCredentialIsAuthError() throws Exception {
        RpcReply unknownFlavor = call(header(8, 2, Nfs3Program.PROGRAM, 3, 0, new OpaqueAuth(6, new byte[8])));
        RpcReply brokenSys = call(header(9, 2, Nfs3Program.PROGRAM, 3, 0, new OpaqueAuth(OpaqueAuth.AUTH_SYS, new byte[6])));
        assertEquals(RejectStat.AUTH_ERROR, unknownFlavor.rejectStat());
        assertEquals(AuthStat.AUTH_BADCRED, unknownFlavor.authStat());
        assertEquals(AuthStat.AUTH_BADCRED, brokenSys.authStat());
        assertTrue(pings.isEmpty());
    }

    @Test
    void truncatedHeaderIsGarbageArgs() throws Exception {
        ByteBuf body = Unpooled.buffer().writeInt(10).writeInt(RpcCallHeader.MSG_CALL).writeInt(2).writeInt(Nfs3Program.PROGRAM);
        assertEquals(AcceptStat.GARBAGE_ARGS, call(body).acceptStat());
    }

    @Test
    void recordInSeveralFragmentsIsReassembled() throws Exception {
        ByteBuf body = header(11, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE);
        ByteBuf wire = Unpooled.buffer();
        while (body.readableBytes() > 0) {
            int n = Math.min(7, body.readableBytes());
            wire.writeInt((body.readableBytes() == n ? 0x8000_0000 : 0) | n).writeBytes(body, n);
        }
        body.release();
        channel.writeInbound(wire);
        assertEquals(AcceptStat.SUCCESS, readReply().acceptStat());
    }

    @Test
    void oversizedRecordIsAnsweredAndSkippedThenTheConnectionGoesOn() throws Exception {
        ByteBuf body = header(12, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE).writeZero(MAX_RECORD);
        RpcReply reply = call(body);
        assertEquals(12, reply.xid());
        assertEquals(AcceptStat.GARBAGE_ARGS, reply.acceptStat());
        assertEquals(AcceptStat.SUCCESS, call(header(13, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE)).acceptStat());
    }

    @Test
    void failingApplicationIsSystemErr() throws Exception {
        listenerFailure = new IllegalStateException("database down");
        assertEquals(AcceptStat.SYSTEM_ERR, call(header(14, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE)).acceptStat());
        listenerFailure = null;
        executorAccepts = false;
        assertEquals(AcceptStat.SYSTEM_ERR, call(header(15, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE)).acceptStat());
    }

    @Test
    void randomGarbageNeverBreaksTheConnection() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            channel.writeInbound(Unpooled.buffer().writeInt(0x8000_0000 | junk.length).writeBytes(junk));
            drainReplies();
        }
        assertEquals(AcceptStat.SUCCESS, call(header(16, 2, Nfs3Program.PROGRAM, 3, 0, OpaqueAuth.NONE)).acceptStat());
    }

    /**
     * A WRITE's data reaches the listener as a view of the received record, not a copy, so the record must be given
     * back once the procedure ran, and also when no worker took the call.
     */
    @Test
    void aWritesDataIsReleasedOnceTheProcedureRanOrWasRefused() throws Exception {
        for (boolean accepted : new boolean[] {true, false}) {
            executorAccepts = accepted;
            ByteBuf body = header(30, 2, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_WRITE, OpaqueAuth.NONE);
            new Write3Args(new byte[] {1, 2, 3, 4}, 0, Write3Args.UNSTABLE, new byte[] {9, 8, 7})
                    .encode(new XdrWriter(body));
            ByteBuf wire = Unpooled.buffer().writeInt(0x8000_0000 | body.readableBytes()).writeBytes(body);
            body.release();
            channel.writeInbound(wire.retain());
            RpcReply reply = readReply();
            assertEquals(accepted ? AcceptStat.SUCCESS : AcceptStat.SYSTEM_ERR, reply.acceptStat());
            assertEquals(1, wire.refCnt(), "only the test holds the received bytes, accepted " + accepted);
            wire.release();
        }
        assertEquals(1, written.size());
        assertArrayEquals(new byte[] {9, 8, 7}, written.get(0));
    }

    private static ByteBuf header(int xid, int rpcVersion, int program, int version, int procedure, OpaqueAuth credential) {
        ByteBuf buf = Unpooled.buffer();
        new RpcCallHeader(xid, rpcVersion, program, version, procedure, credential, OpaqueAuth.NONE).encode(new XdrWriter(buf));
        return buf;
    }

    private RpcReply call(ByteBuf body) throws XdrException {
        ByteBuf wire = Unpooled.buffer().writeInt(0x8000_0000 | body.readableBytes()).writeBytes(body);
        body.release();
        channel.writeInbound(wire);
        return readReply();
    }

    private RpcReply readReply() throws XdrException {
        ByteBuf header = channel.readOutbound();
        ByteBuf body = channel.readOutbound();
        try {
            assertEquals(0x8000_0000 | body.readableBytes(), header.readInt(), "one last fragment with the reply's length");
            return RpcReply.decode(new XdrReader(body));
        } finally {
            header.release();
            body.release();
        }
    }

    private void drainReplies() {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ((ByteBuf) out).release();
        }
        assertNull(channel.readOutbound());
    }
}
