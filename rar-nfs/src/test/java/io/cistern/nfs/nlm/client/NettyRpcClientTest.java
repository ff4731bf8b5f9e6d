package io.cistern.nfs.nlm.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter's own RPC client against plain sockets: replies, error replies, silence and refusal. */
class NettyRpcClientTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final NettyRpcClient client = new NettyRpcClient(group, NioSocketChannel.class, NioDatagramChannel.class,
            LOOPBACK);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void aUdpCallGetsTheResultsOfItsOwnReplyAndIgnoresAStrayOne() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            server.setSoTimeout(5_000);
            var reply = client.call(udp(server), 100021, 4, 12, new byte[] {0, 0, 0, 9}, 5_000);
            DatagramPacket call = receive(server);
            XdrReader in = new XdrReader(Unpooled.wrappedBuffer(call.getData(), 0, call.getLength()));
            int xid = in.readInt();
            assertEquals(RpcCallHeader.MSG_CALL, in.readInt());
            RpcCallHeader header = RpcCallHeader.decodeBody(xid, in);
            assertEquals(100021, header.program());
            assertEquals(12, header.procedure());
            assertEquals(9, in.readInt(), "the arguments follow the header");

            send(server, call, replyBytes(xid + 1, RpcReply.AcceptStat.SUCCESS, 1));
            send(server, call, replyBytes(xid, RpcReply.AcceptStat.SUCCESS, 42));
            assertArrayEquals(new byte[] {0, 0, 0, 42}, reply.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anErrorReplyFailsTheCallWithItsStatus() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            server.setSoTimeout(5_000);
            var reply = client.call(udp(server), 100021, 4, 11, new byte[0], 5_000);
            DatagramPacket call = receive(server);
            int xid = Unpooled.wrappedBuffer(call.getData()).getInt(0);
            send(server, call, replyBytes(xid, RpcReply.AcceptStat.PROC_UNAVAIL, -1));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
            RpcCallFailed failed = assertInstanceOf(RpcCallFailed.class, failure.getCause());
            assertEquals(RpcReply.AcceptStat.PROC_UNAVAIL, failed.reply().acceptStat());
        }
    }

    @Test
    void silenceEndsInATimeoutAfterTheGivenTime() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            long start = System.nanoTime();
            var reply = client.call(udp(server), 100021, 4, 5, new byte[0], 300);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(TimeoutException.class, failure.getCause());
            assertTrue(took >= 290 && took < 3_000, "took " + took + " ms");
        }
    }

    @Test
    void aTcpCallToAClosedPortFailsAtOnce() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closed = probe.getLocalPort();
        }
        long start = System.nanoTime();
        var reply = client.call(new RpcEndpoint(new InetSocketAddress(LOOPBACK, closed), RpcTransport.TCP), 100021, 4, 5,
                new byte[0], 5_000);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertInstanceOf(java.net.ConnectException.class, failure.getCause());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "refused, not timed out");
    }

    @Test
    void aCallOnStoppedEventLoopsFailsInsteadOfThrowing() throws Exception {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        var reply = client.call(new RpcEndpoint(new InetSocketAddress(LOOPBACK, 111), RpcTransport.UDP), 100000, 2, 3,
                new byte[0], 1_000);
        assertTrue(reply.isCompletedExceptionally());
    }

    private static RpcEndpoint udp(DatagramSocket server) {
        return new RpcEndpoint((InetSocketAddress) server.getLocalSocketAddress(), RpcTransport.UDP);
    }

    private static DatagramPacket receive(DatagramSocket server) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        server.receive(packet);
        return packet;
    }

    private static void send(DatagramSocket server, DatagramPacket call, byte[] reply) throws Exception {
        server.send(new DatagramPacket(reply, reply.length, call.getSocketAddress()));
    }

    private static byte[] replyBytes(int xid, RpcReply.AcceptStat stat, int result) {
        ByteBuf buf = Unpooled.buffer();
        XdrWriter out = new XdrWriter(buf);
        RpcReply.accepted(xid, stat).encode(out);
        if (stat == RpcReply.AcceptStat.SUCCESS) {
            out.writeInt(result);
        }
        return ByteBufUtil.getBytes(buf);
    }
}
