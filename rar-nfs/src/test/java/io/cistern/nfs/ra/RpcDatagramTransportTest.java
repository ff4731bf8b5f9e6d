package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The RPC layer on a datagram transport: one socket, many clients, each call answered to its own sender. */
class RpcDatagramTransportTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 111);

    private final List<NfsCaller> callers = new CopyOnWriteArrayList<>();
    private final NfsListener listener = new UnsupportedNfsListener() {
        @Override
        public void ping(NfsCaller caller) {
            callers.add(caller);
        }

        @Override
        public void adapterEvent(NfsAdapterEvent event) {
        }
    };
    private final RequestExecutor inline = task -> {
        task.accept(listener);
        return true;
    };

    @Test
    void eachCallIsAnsweredToItsSenderWhoIsTheCaller() throws Exception {
        EmbeddedChannel socket = new EmbeddedChannel(
                new RpcCallHandler(java.util.Map.of(MountProgram.PROGRAM, MountProgram.create()), inline, 16));
        InetSocketAddress first = new InetSocketAddress("192.0.2.1", 700);
        InetSocketAddress second = new InetSocketAddress("192.0.2.2", 701);
        socket.writeInbound(new DatagramPacket(nullCall(41), SERVER, first), new DatagramPacket(nullCall(42), SERVER, second));

        assertReply(socket.readOutbound(), first, 41);
        assertReply(socket.readOutbound(), second, 42);
        assertNull(socket.readOutbound());
        assertEquals(List.of(first, second), callers.stream().map(NfsCaller::client).toList());
        socket.finishAndReleaseAll();
    }

    private static void assertReply(DatagramPacket reply, InetSocketAddress to, int xid) throws Exception {
        try {
            assertEquals(to, reply.recipient());
            RpcReply header = RpcReply.decode(new XdrReader(reply.content()));
            assertEquals(xid, header.xid());
            assertEquals(RpcReply.AcceptStat.SUCCESS, header.acceptStat());
            assertEquals(0, reply.content().readableBytes(), "one datagram, no record mark");
        } finally {
            reply.release();
        }
    }

    private static ByteBuf nullCall(int xid) {
        ByteBuf buf = Unpooled.buffer();
        new RpcCallHeader(xid, 2, MountProgram.PROGRAM, 3, 0, OpaqueAuth.NONE, OpaqueAuth.NONE).encode(new XdrWriter(buf));
        return buf;
    }
}
