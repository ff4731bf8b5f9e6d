package io.cistern.nfs.ra;

import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

/** RPC calls over real sockets, as a client on another host would make them: TCP with record marking, or one UDP datagram. */
final class RpcSocketClient {
    private static final int TIMEOUT_MILLIS = 5_000;

    /** A reply: its header, and a reader positioned at its results. */
    record Reply(RpcReply header, XdrReader results) {
    }

    private RpcSocketClient() {
    }

    static Reply overTcp(int port, int xid, int program, int version, int procedure, Consumer<XdrWriter> arguments)
            throws IOException, XdrException {
        byte[] call = call(xid, program, version, procedure, arguments);
        try (Socket socket = new Socket(AdapterHarness.LOOPBACK, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(0x8000_0000 | call.length);
            out.write(call);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int header = in.readInt();
            if ((header & 0x8000_0000) == 0) {
                throw new IOException("reply in more than one fragment");
            }
            byte[] reply = new byte[header & 0x7FFF_FFFF];
            in.readFully(reply);
            return parse(reply);
        }
    }

    static Reply overUdp(int port, int xid, int program, int version, int procedure, Consumer<XdrWriter> arguments)
            throws IOException, XdrException {
        byte[] call = call(xid, program, version, procedure, arguments);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(call, call.length, new InetSocketAddress(AdapterHarness.LOOPBACK, port)));
            DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
            socket.receive(reply);
            return parse(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    static byte[] call(int xid, int program, int version, int procedure, Consumer<XdrWriter> arguments) {
        ByteBuf buf = Unpooled.buffer();
        XdrWriter out = new XdrWriter(buf);
        new RpcCallHeader(xid, RpcCallHeader.RPC_VERSION, program, version, procedure, OpaqueAuth.NONE, OpaqueAuth.NONE)
                .encode(out);
        arguments.accept(out);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static Reply parse(byte[] bytes) throws XdrException {
        XdrReader in = new XdrReader(Unpooled.wrappedBuffer(bytes));
        return new Reply(RpcReply.decode(in), in);
    }
}
