package io.cistern.nfs.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RecordMarkingDecoder;
import io.cistern.nfs.rpc.RecordMarkingEncoder;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client connection to the MOUNT program, from an address of the test's choosing (the mount list is kept
 * per client address), through the real record marking and RPC layer.
 */
final class MountClient implements AutoCloseable {
    private final EmbeddedChannel channel;
    private int xid;

    MountClient(String ip, RpcProgram mount, RequestExecutor executor) throws UnknownHostException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), 876);
        channel = new EmbeddedChannel(new RecordMarkingDecoder(1 << 16), new RecordMarkingEncoder(),
                new RpcCallHandler(Map.of(MountProgram.PROGRAM, mount), executor, 16)) {
            @Override
            protected SocketAddress remoteAddress0() {
                return address;
            }
        };
    }

    /** A call whose reply is SUCCESS; returns its results. */
    <T> T call(int procedure, Consumer<XdrWriter> arguments, XdrDecoder<T> results) throws XdrException {
        XdrReader in = send(MountProgram.VERSION, procedure, arguments);
        RpcReply reply = RpcReply.decode(in);
        assertEquals(RpcReply.AcceptStat.SUCCESS, reply.acceptStat(), "procedure " + procedure);
        T value = results.decode(in);
        assertEquals(0, in.remaining(), "nothing after the results");
        return value;
    }

    /** A call's reply header, for the error cases. */
    RpcReply reply(int version, int procedure, Consumer<XdrWriter> arguments) throws XdrException {
        return RpcReply.decode(send(version, procedure, arguments));
    }

    private XdrReader send(int version, int procedure, Consumer<XdrWriter> arguments) {
        ByteBuf body = Unpooled.buffer();
        XdrWriter out = new XdrWriter(body);
        new RpcCallHeader(++xid, 2, MountProgram.PROGRAM, version, procedure, OpaqueAuth.NONE, OpaqueAuth.NONE).encode(out);
        arguments.accept(out);
        channel.writeInbound(Unpooled.buffer().writeInt(0x8000_0000 | body.readableBytes()).writeBytes(body));
        body.release();
        ByteBuf header = channel.readOutbound();
        ByteBuf reply = channel.readOutbound();
        assertEquals(0x8000_0000 | reply.readableBytes(), header.readInt());
        header.release();
        ByteBuf copy = Unpooled.copiedBuffer(reply);
        reply.release();
        return new XdrReader(copy);
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
