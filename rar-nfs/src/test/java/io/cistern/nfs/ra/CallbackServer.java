package io.cistern.nfs.ra;

import io.cistern.nfs.nlm.NlmProgram;
import io.cistern.nfs.nlm.client.RpcTransport;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client's own lock manager, as small as a test needs: program 100021 v4 on one port over TCP and UDP, recording
 * every call it gets and answering GRANTED with {@link #grantAnswer}, everything else with void (so it also serves
 * as a client's status monitor, whose SM_NOTIFY returns void). It registers itself
 * with a portmapper the way lockd does, so that the server finds it by asking the client's host.
 */
final class CallbackServer implements AutoCloseable {
    /** One call that arrived. */
    record Received(RpcTransport transport, int program, int version, int procedure, byte[] arguments) {
        XdrReader reader() {
            return new XdrReader(Unpooled.wrappedBuffer(arguments));
        }
    }

    final int port;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    volatile NlmStatus grantAnswer = NlmStatus.GRANTED;
    private final ServerSocket tcp;
    private final DatagramSocket udp;

    CallbackServer() throws IOException {
        port = AdapterHarness.freePortForTcpAndUdp();
        InetAddress loopback = InetAddress.getByName(AdapterHarness.LOOPBACK);
        tcp = new ServerSocket(port, 8, loopback);
        udp = new DatagramSocket(new InetSocketAddress(loopback, port));
        daemon("callback-tcp", this::acceptConnections);
        daemon("callback-udp", this::serveDatagrams);
    }

    /** PMAPPROC_SET of 100021 v4 over {@code transport} with the portmapper at {@code portmapperPort}. */
    boolean register(int portmapperPort, RpcTransport transport) throws Exception {
        return register(portmapperPort, NlmProgram.PROGRAM, NlmProgram.VERSION, transport);
    }

    /**
     * PMAPPROC_SET of another program at this server's port: it answers every call but GRANTED with void, which is
     * all a status monitor answers SM_NOTIFY with.
     */
    boolean register(int portmapperPort, int program, int version, RpcTransport transport) throws Exception {
        PortMapping mapping = new PortMapping(program, version, transport.protocol(), port);
        return RpcSocketClient.overUdp(portmapperPort, 31, PortmapProgram.PROGRAM, PortmapProgram.VERSION,
                PortmapProgram.PROC_SET, mapping::encode).results().readBoolean();
    }

    Received next(long timeoutMillis) throws InterruptedException {
        Received call = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("no call to the client's lock manager within " + timeoutMillis + " ms");
        }
        return call;
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        udp.close();
    }

    private void acceptConnections() {
        try {
            while (true) {
                Socket connection = tcp.accept();
                daemon("callback-connection", () -> serve(connection));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                int marker = in.readInt();
                byte[] call = new byte[marker & 0x7FFF_FFFF];
                in.readFully(call);
                byte[] reply = answer(call, RpcTransport.TCP);
                out.writeInt(0x8000_0000 | reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException | XdrException ended) {
            // the adapter closes its connection after each reply
        }
    }

    private void serveDatagrams() {
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[9000], 9000);
                udp.receive(packet);
                byte[] reply = answer(java.util.Arrays.copyOf(packet.getData(), packet.getLength()), RpcTransport.UDP);
                udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            }
        } catch (IOException | XdrException closed) {
            // the test is over
        }
    }

    private byte[] answer(byte[] call, RpcTransport transport) throws XdrException {
        XdrReader in = new XdrReader(Unpooled.wrappedBuffer(call));
        int xid = in.readInt();
        in.readInt();   // CALL
        RpcCallHeader header = RpcCallHeader.decodeBody(xid, in);
        byte[] arguments = new byte[in.remaining()];
        System.arraycopy(call, call.length - arguments.length, arguments, 0, arguments.length);
        received.add(new Received(transport, header.program(), header.version(), header.procedure(), arguments));
        ByteBuf reply = Unpooled.buffer();
        XdrWriter out = new XdrWriter(reply);
        RpcReply.accepted(xid, RpcReply.AcceptStat.SUCCESS).encode(out);
        if (header.procedure() == NlmProgram.PROC_GRANTED) {
            new Nlm4Res(Nlm4TestArgs.decode(in).cookie(), grantAnswer).encode(out);
        }
        return ByteBufUtil.getBytes(reply);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
