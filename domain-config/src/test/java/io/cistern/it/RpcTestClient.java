package io.cistern.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A deliberately small ONC RPC client (RFC 5531, record marking over TCP) that can also send what a
 * well-behaved client never would: wrong versions, odd credentials, truncated headers, split fragments.
 */
final class RpcTestClient implements AutoCloseable {
    static final int AUTH_NONE = 0;
    static final int AUTH_SYS = 1;

    /** A decoded reply header: accepted or denied, and the status that goes with it. */
    record Reply(int xid, boolean accepted, int stat, int low, int high) {
        static final int SUCCESS = 0;
        static final int PROG_UNAVAIL = 1;
        static final int PROG_MISMATCH = 2;
        static final int PROC_UNAVAIL = 3;
        static final int GARBAGE_ARGS = 4;
        static final int RPC_MISMATCH = 0;
        static final int AUTH_ERROR = 1;
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    RpcTestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(15_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    static byte[] callHeader(int xid, int rpcVersion, int program, int version, int procedure, int flavor, byte[] credential) {
        ByteBuffer b = ByteBuffer.allocate(40 + pad(credential.length));
        b.putInt(xid).putInt(0).putInt(rpcVersion).putInt(program).putInt(version).putInt(procedure);
        b.putInt(flavor).putInt(credential.length).put(credential).position(32 + pad(credential.length));
        b.putInt(AUTH_NONE).putInt(0);
        return b.array();
    }

    static byte[] authSys(int uid, int gid, String machine) {
        byte[] name = machine.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(20 + pad(name.length));
        b.putInt(1).putInt(name.length).put(name).position(8 + pad(name.length));
        b.putInt(uid).putInt(gid).putInt(0);
        return b.array();
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }

    Reply call(int xid, int program, int version, int procedure) throws IOException {
        send(callHeader(xid, 2, program, version, procedure, AUTH_NONE, new byte[0]));
        return receive();
    }

    /** Sends one record as a single last fragment. */
    void send(byte[] record) throws IOException {
        out.writeInt(0x8000_0000 | record.length);
        out.write(record);
        out.flush();
    }

    /** Sends one record cut into fragments of {@code size} bytes. */
    void sendFragmented(byte[] record, int size) throws IOException {
        for (int offset = 0; offset < record.length; offset += size) {
            int n = Math.min(size, record.length - offset);
            out.writeInt((offset + n == record.length ? 0x8000_0000 : 0) | n);
            out.write(record, offset, n);
        }
        out.flush();
    }

    Reply receive() throws IOException {
        int header = in.readInt();
        if ((header & 0x8000_0000) == 0) {
            throw new IOException("replies are expected in one fragment");
        }
        byte[] record = new byte[header & 0x7FFF_FFFF];
        in.readFully(record);
        ByteBuffer b = ByteBuffer.wrap(record);
        int xid = b.getInt();
        if (b.getInt() != 1) {
            throw new IOException("not a reply");
        }
        boolean accepted = b.getInt() == 0;
        if (accepted) {
            b.getInt();                       // verifier flavor
            int verifierLength = b.getInt();
            b.position(b.position() + pad(verifierLength));
        }
        int stat = b.getInt();
        boolean mismatch = accepted ? stat == Reply.PROG_MISMATCH : stat == Reply.RPC_MISMATCH;
        int low = 0;
        int high = 0;
        if (mismatch) {
            low = b.getInt();
            high = b.getInt();
        } else if (!accepted) {
            low = b.getInt();   // auth_stat of an AUTH_ERROR
        }
        return new Reply(xid, accepted, stat, low, high);
    }

    /** One RPC record (RFC 5531 section 11, record marking), of as many fragments as it came in. */
    static byte[] readRecord(DataInputStream in) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last;
        do {
            int marker = in.readInt();
            last = (marker & 0x8000_0000) != 0;
            byte[] fragment = new byte[marker & 0x7FFF_FFFF];
            in.readFully(fragment);
            record.write(fragment);
        } while (!last);
        return record.toByteArray();
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
