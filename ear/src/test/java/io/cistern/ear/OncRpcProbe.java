package io.cistern.ear;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A minimal ONC RPC client (RFC 5531) over TCP with record marking: it sends one NULL call (procedure 0,
 * AUTH_NONE) and decodes the reply header. Independent of the adapter's own code on purpose.
 */
final class OncRpcProbe {
    static final int CALL = 0;
    static final int REPLY = 1;
    static final int MSG_ACCEPTED = 0;
    static final int SUCCESS = 0;
    private static final int RPC_VERSION = 2;
    private static final int AUTH_NONE = 0;
    private static final int LAST_FRAGMENT = 0x8000_0000;
    private static final int MAX_REPLY = 64 * 1024;

    /**
     * The reply header: {@code acceptStat} is -1 unless the call was accepted ({@code replyStat} = MSG_ACCEPTED).
     */
    record Reply(int xid, int messageType, int replyStat, int acceptStat) {
    }

    private OncRpcProbe() {
    }

    static Reply nullCall(InetSocketAddress server, int program, int version, int xid) throws IOException {
        ByteBuffer call = ByteBuffer.allocate(4 + 40)
                .putInt(LAST_FRAGMENT | 40)                  // record mark: one fragment of 40 bytes
                .putInt(xid).putInt(CALL)
                .putInt(RPC_VERSION).putInt(program).putInt(version).putInt(0)   // procedure 0: NULL
                .putInt(AUTH_NONE).putInt(0)                 // credential
                .putInt(AUTH_NONE).putInt(0);                // verifier
        try (Socket socket = new Socket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(call.array());
            out.flush();
            ByteBuffer reply = ByteBuffer.wrap(readRecord(new DataInputStream(socket.getInputStream())));
            int replyXid = reply.getInt();
            int messageType = reply.getInt();
            int replyStat = reply.getInt();
            int acceptStat = -1;
            if (messageType == REPLY && replyStat == MSG_ACCEPTED) {
                reply.getInt();                              // verifier flavor
                int verifierLength = reply.getInt();
                reply.position(reply.position() + ((verifierLength + 3) & ~3));
                acceptStat = reply.getInt();
            }
            return new Reply(replyXid, messageType, replyStat, acceptStat);
        }
    }

    /** Reads fragments up to and including the last one. */
    private static byte[] readRecord(DataInputStream in) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(MAX_REPLY);
        boolean last;
        do {
            int mark = in.readInt();
            last = (mark & LAST_FRAGMENT) != 0;
            int length = mark & ~LAST_FRAGMENT;
            if (length > record.remaining()) {
                throw new IOException("reply larger than " + MAX_REPLY + " bytes");
            }
            byte[] fragment = new byte[length];
            in.readFully(fragment);
            record.put(fragment);
        } while (!last);
        byte[] bytes = new byte[record.position()];
        record.flip().get(bytes);
        return bytes;
    }
}
