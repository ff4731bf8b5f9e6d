package io.cistern.nfs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The duplicate request cache alone, and in RpcCallHandler: a retransmitted non-idempotent call is answered with
 * the first reply without running again, also on another connection; an idempotent one runs again.
 */
class ReplyCacheTest {
    private static final int PROGRAM = 200_000;
    private static final int CREATE = 1;
    private static final int READ = 2;

    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final ReplyCache cache = new ReplyCache(16, 60_000_000_000L);
    private final List<Consumer<NfsListener>> held = new ArrayList<>();
    private boolean holdCalls;
    private final RequestExecutor executor = task -> {
        if (holdCalls) {
            held.add(task);
        } else {
            task.accept(new UnsupportedNfsListener());
        }
        return true;
    };
    private final RpcProgram program = new RpcProgram(PROGRAM, "TEST", 1, 1, Map.of(
            CREATE, new RpcProcedure<Integer, Integer>(CREATE, "CREATE", r -> r.readInt(), (v, w) -> w.writeInt(v),
                    (caller, argument, listener) -> argument * 1000 + creates.incrementAndGet()).replayingReplies(),
            READ, new RpcProcedure<Integer, Integer>(READ, "READ", r -> r.readInt(), (v, w) -> w.writeInt(v),
                    (caller, argument, listener) -> reads.incrementAndGet())));

    @Test
    void aNewCallRunsAndItsRetransmissionGetsTheStoredReply() {
        ReplyCache.Key key = key(1, 42);
        assertInstanceOf(ReplyCache.Run.class, cache.begin(key));
        assertInstanceOf(ReplyCache.Running.class, cache.begin(key), "the first one is still running");
        cache.complete(key, new byte[] {1, 2, 3});
        ReplyCache.Lookup again = cache.begin(key);
        assertArrayEquals(new byte[] {1, 2, 3}, assertInstanceOf(ReplyCache.Replay.class, again).reply());
        assertInstanceOf(ReplyCache.Run.class, cache.begin(key(2, 42)), "another xid is another call");
        assertInstanceOf(ReplyCache.Run.class, cache.begin(key(1, 43)), "other arguments are another call");
    }

    @Test
    void aForgottenCallRunsAgainAndTheCacheStaysBounded() {
        cache.begin(key(1, 1));
        cache.forget(key(1, 1));
        assertInstanceOf(ReplyCache.Run.class, cache.begin(key(1, 1)));
        for (int xid = 100; xid < 200; xid++) {
            cache.begin(key(xid, 0));
        }
        assertEquals(16, cache.size());
        assertInstanceOf(ReplyCache.Run.class, cache.begin(key(1, 1)), "the oldest went first");
    }

    @Test
    void entriesExpire() throws InterruptedException {
        ReplyCache shortLived = new ReplyCache(16, 1_000_000L);
        ReplyCache.Key key = key(1, 1);
        shortLived.begin(key);
        shortLived.complete(key, new byte[] {9});
        Thread.sleep(5);
        assertInstanceOf(ReplyCache.Run.class, shortLived.begin(key));
    }

    @Test
    void aRetransmissionOnANewConnectionIsAnsweredWithoutRunningAgain() {
        byte[] first = exchange(connection(), call(7, CREATE, 5));
        byte[] again = exchange(connection(), call(7, CREATE, 5));
        assertEquals(1, creates.get(), "ran once");
        assertArrayEquals(first, again, "the same reply, byte for byte");
        exchange(connection(), call(8, CREATE, 5));
        assertEquals(2, creates.get(), "a new xid runs");
    }

    @Test
    void aRetransmissionWhileTheCallRunsIsDroppedAndTheFirstReplyStillComes() {
        EmbeddedChannel first = connection();
        EmbeddedChannel second = connection();
        holdCalls = true;
        first.writeInbound(call(9, CREATE, 1));
        second.writeInbound(call(9, CREATE, 1));
        assertEquals(1, held.size(), "only the first went to a worker");
        held.get(0).accept(new UnsupportedNfsListener());
        assertTrue(first.outboundMessages().size() > 0, "the first call is answered");
        assertTrue(second.outboundMessages().isEmpty(), "the retransmission is dropped, not answered twice");
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void idempotentProceduresAreNotCached() {
        exchange(connection(), call(11, READ, 0));
        exchange(connection(), call(11, READ, 0));
        assertEquals(2, reads.get());
        assertEquals(0, cache.size());
    }

    private static ReplyCache.Key key(int xid, long checksum) {
        return new ReplyCache.Key(InetAddress.getLoopbackAddress(), xid, PROGRAM, 1, CREATE, checksum);
    }

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new RecordMarkingDecoder(4096), new RecordMarkingEncoder(),
                new RpcCallHandler(Map.of(PROGRAM, program), executor, 16, cache));
    }

    private static ByteBuf call(int xid, int procedure, int argument) {
        ByteBuf body = Unpooled.buffer();
        XdrWriter out = new XdrWriter(body);
        new RpcCallHeader(xid, 2, PROGRAM, 1, procedure, OpaqueAuth.NONE, OpaqueAuth.NONE).encode(out);
        out.writeInt(argument);
        ByteBuf wire = Unpooled.buffer().writeInt(0x8000_0000 | body.readableBytes()).writeBytes(body);
        body.release();
        return wire;
    }

    /** Sends one call and returns the reply record's bytes. */
    private static byte[] exchange(EmbeddedChannel channel, ByteBuf call) {
        channel.writeInbound(call);
        ByteBuf marker = channel.readOutbound();
        ByteBuf reply = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(reply);
        } finally {
            marker.release();
            reply.release();
            channel.finishAndReleaseAll();
        }
    }
}
