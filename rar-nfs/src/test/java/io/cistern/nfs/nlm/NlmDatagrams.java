package io.cistern.nfs.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.nfs.rpc.AuthSysParams;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.ReplyCache;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Programs on a datagram socket through the real RPC pipeline on an {@link EmbeddedChannel}: every call comes from a
 * sender of the test's choosing, which is the caller's address, and runs inline on the test thread. With a reply
 * cache, as the adapter's NLM socket has.
 */
public final class NlmDatagrams {
    public static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 12049);
    public static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 800);

    private final EmbeddedChannel socket;
    private final OpaqueAuth credential = new AuthSysParams(1, "client", 1000, 100, List.of()).encode();
    private int nextXid = 1;

    /** A reply: its header, its results, and its bytes to compare retransmissions by. */
    public record Reply(RpcReply header, XdrReader results, byte[] bytes) {
    }

    public NlmDatagrams(Map<Integer, RpcProgram> programs, NfsListener listener) {
        RequestExecutor inline = task -> {
            try {
                task.accept(listener);
            } catch (RuntimeException expected) {
                // the SYSTEM_ERR reply is already written; the pool would log this
            }
            return true;
        };
        socket = new EmbeddedChannel(new RpcCallHandler(programs, inline, 16, new ReplyCache(64, 60_000_000_000L)));
    }

    public Reply call(int program, int version, int procedure, Consumer<XdrWriter> arguments) throws Exception {
        return call(CLIENT, nextXid++, program, version, procedure, arguments);
    }

    public Reply call(InetSocketAddress from, int xid, int program, int version, int procedure,
                      Consumer<XdrWriter> arguments) throws Exception {
        ByteBuf call = Unpooled.buffer();
        XdrWriter out = new XdrWriter(call);
        new RpcCallHeader(xid, RpcCallHeader.RPC_VERSION, program, version, procedure, credential, OpaqueAuth.NONE)
                .encode(out);
        arguments.accept(out);
        socket.writeInbound(new DatagramPacket(call, SERVER, from));
        socket.runPendingTasks();
        DatagramPacket reply = socket.readOutbound();
        assertNotNull(reply, "a reply to xid " + xid);
        assertNull(socket.readOutbound(), "one reply per call");
        try {
            assertEquals(from, reply.recipient());
            byte[] bytes = ByteBufUtil.getBytes(reply.content());
            XdrReader in = new XdrReader(Unpooled.wrappedBuffer(bytes));
            RpcReply header = RpcReply.decode(in);
            assertEquals(xid, header.xid());
            return new Reply(header, in, bytes);
        } finally {
            reply.release();
        }
    }

    public void close() {
        socket.finishAndReleaseAll();
    }
}
