package io.cistern.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small synchronous NFSv3 and MOUNT v3 client (RFC 1813) over one TCP connection with AUTH_SYS. It is the
 * test's own code on purpose: were it built on the server's codecs, a mistake in them would cancel out and the
 * test would pass on a server that real clients cannot use. It parses only what a crash test needs (nfsstat3,
 * handles, sizes, write verifiers) and skips the rest by its fixed XDR length.
 */
final class Nfs3TestClient implements AutoCloseable {
    static final int NFS_PROGRAM = 100003;
    static final int MOUNT_PROGRAM = 100005;
    static final int OK = 0;
    static final int NOENT = 2;
    static final int EXIST = 17;
    static final int JUKEBOX = 10008;
    static final int UNSTABLE = 0;
    static final int DATA_SYNC = 1;
    static final int FILE_SYNC = 2;

    private static final int GETATTR = 1;
    private static final int SETATTR = 2;
    private static final int LOOKUP = 3;
    private static final int READ = 6;
    private static final int WRITE = 7;
    private static final int CREATE = 8;
    private static final int COMMIT = 21;
    private static final int MOUNT_MNT = 1;
    private static final int GUARDED = 1;
    /** fattr3 is fixed-size: five uint32, then eight 64-bit fields (size, used, rdev, fsid, fileid, 3 times). */
    private static final int FATTR3_BYTES = 84;
    /** wcc_attr: size and two nfstime3. */
    private static final int WCC_ATTR_BYTES = 24;

    /** The reply to WRITE; {@code committed} is the stable_how the server achieved, not the one asked for. */
    record WriteReply(int status, int count, int committed, long verifier) {
    }

    /** The reply to COMMIT; the verifier must equal the writes' for the commit to cover them. */
    record CommitReply(int status, long verifier) {
    }

    /** A handle, or the nfsstat3 that says why there is none. */
    record HandleReply(int status, byte[] handle) {
    }

    /** The reply to READ, for the diagnosis of a mismatch. */
    record ReadReply(int status, byte[] data, boolean eof) {
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final byte[] credential;
    private int nextXid = (int) (System.nanoTime() & 0x3FFF_FFFF);

    Nfs3TestClient(int port, int uid, int gid) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(120_000);
        socket.setTcpNoDelay(true);
        out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
        credential = RpcTestClient.authSys(uid, gid, "crash-it");
    }

    /** MNT: the root handle of an export, or the mountstat3 (which uses nfsstat3's numbers). */
    HandleReply mount(String path) throws IOException {
        XdrOut args = new XdrOut().string(path);
        ByteBuffer reply = call(MOUNT_PROGRAM, MOUNT_MNT, args);
        int status = reply.getInt();
        return new HandleReply(status, status == OK ? opaque(reply) : null);
    }

    HandleReply lookup(byte[] directory, String name) throws IOException {
        ByteBuffer reply = call(NFS_PROGRAM, LOOKUP, new XdrOut().opaque(directory).string(name));
        int status = reply.getInt();
        return new HandleReply(status, status == OK ? opaque(reply) : null);
    }

    /** CREATE GUARDED with mode 0644: fails with EXIST rather than truncating a file of an earlier iteration. */
    HandleReply createGuarded(byte[] directory, String name) throws IOException {
        XdrOut args = new XdrOut().opaque(directory).string(name).int32(GUARDED)
                .int32(1).int32(0644)            // mode
                .int32(0).int32(0).int32(0)      // uid, gid, size: not set
                .int32(0).int32(0);              // atime, mtime: DONT_CHANGE
        ByteBuffer reply = call(NFS_PROGRAM, CREATE, args);
        int status = reply.getInt();
        if (status != OK) {
            return new HandleReply(status, null);
        }
        byte[] handle = reply.getInt() != 0 ? opaque(reply) : null;
        return handle != null ? new HandleReply(OK, handle) : lookup(directory, name); // post_op_fh3 may be empty
    }

    /** GETATTR: the file's size; asked only of files just looked up, so any error status is the server's fault. */
    long size(byte[] file) throws IOException {
        ByteBuffer reply = call(NFS_PROGRAM, GETATTR, new XdrOut().opaque(file));
        int status = reply.getInt();
        if (status != OK) {
            throw new IOException("GETATTR failed with nfsstat3 " + status);
        }
        reply.position(reply.position() + 20);
        return reply.getLong();
    }

    /** GETATTR: the file's mode (fattr3's second field, after the type). */
    int mode(byte[] file) throws IOException {
        ByteBuffer reply = call(NFS_PROGRAM, GETATTR, new XdrOut().opaque(file));
        int status = reply.getInt();
        if (status != OK) {
            throw new IOException("GETATTR failed with nfsstat3 " + status);
        }
        reply.getInt();
        return reply.getInt();
    }

    WriteReply write(byte[] file, long offset, byte[] data, int from, int length, int stable) throws IOException {
        XdrOut args = new XdrOut().opaque(file).int64(offset).int32(length).int32(stable)
                .opaque(data, from, length);
        ByteBuffer reply = call(NFS_PROGRAM, WRITE, args);
        int status = reply.getInt();
        skipWcc(reply);
        if (status != OK) {
            return new WriteReply(status, 0, 0, 0);
        }
        return new WriteReply(status, reply.getInt(), reply.getInt(), reply.getLong());
    }

    /** SETATTR of the size alone, unguarded (an NFS truncation or extension); returns the nfsstat3. */
    int setSize(byte[] file, long size) throws IOException {
        // sattr3: mode, uid, gid not set; size set; atime and mtime DONT_CHANGE; then sattrguard3 without a check
        XdrOut args = new XdrOut().opaque(file).int32(0).int32(0).int32(0).int32(1).int64(size).int32(0).int32(0)
                .int32(0);
        return call(NFS_PROGRAM, SETATTR, args).getInt();
    }

    /** COMMIT of the whole file (offset 0, count 0). */
    CommitReply commit(byte[] file) throws IOException {
        ByteBuffer reply = call(NFS_PROGRAM, COMMIT, new XdrOut().opaque(file).int64(0).int32(0));
        int status = reply.getInt();
        skipWcc(reply);
        return new CommitReply(status, status == OK ? reply.getLong() : 0);
    }

    ReadReply read(byte[] file, long offset, int count) throws IOException {
        ByteBuffer reply = call(NFS_PROGRAM, READ, new XdrOut().opaque(file).int64(offset).int32(count));
        int status = reply.getInt();
        skipPostOpAttr(reply);
        if (status != OK) {
            return new ReadReply(status, null, false);
        }
        reply.getInt(); // count, repeated by the opaque's length
        boolean eof = reply.getInt() != 0;
        return new ReadReply(status, opaque(reply), eof);
    }

    private ByteBuffer call(int program, int procedure, XdrOut args) throws IOException {
        int xid = nextXid++;
        byte[] header = RpcTestClient.callHeader(xid, 2, program, 3, procedure, RpcTestClient.AUTH_SYS, credential);
        out.writeInt(0x8000_0000 | (header.length + args.size()));
        out.write(header);
        args.writeTo(out);
        out.flush();
        ByteBuffer reply = ByteBuffer.wrap(receiveRecord());
        if (reply.getInt() != xid || reply.getInt() != 1) {
            throw new IOException("unexpected reply: not the reply to xid " + xid);
        }
        if (reply.getInt() != 0) {
            throw new IOException("call denied (reject_stat " + reply.getInt() + ")");
        }
        reply.getInt();                                   // verifier flavor
        int verifierLength = reply.getInt();
        reply.position(reply.position() + RpcTestClient.pad(verifierLength));
        int acceptStat = reply.getInt();
        if (acceptStat != 0) {
            throw new IOException("call not executed (accept_stat " + acceptStat + ")");
        }
        return reply;
    }

    /** One record, which a server may send in several fragments. */
    private byte[] receiveRecord() throws IOException {
        byte[] record = new byte[0];
        boolean last = false;
        while (!last) {
            int marker = in.readInt();
            last = (marker & 0x8000_0000) != 0;
            int length = marker & 0x7FFF_FFFF;
            int start = record.length;
            record = Arrays.copyOf(record, start + length);
            in.readFully(record, start, length);
        }
        return record;
    }

    private static byte[] opaque(ByteBuffer reply) {
        byte[] bytes = new byte[reply.getInt()];
        reply.get(bytes);
        reply.position(reply.position() + RpcTestClient.pad(bytes.length) - bytes.length);
        return bytes;
    }

    private static void skipWcc(ByteBuffer reply) {
        if (reply.getInt() != 0) {
            reply.position(reply.position() + WCC_ATTR_BYTES);
        }
        skipPostOpAttr(reply);
    }

    private static void skipPostOpAttr(ByteBuffer reply) {
        if (reply.getInt() != 0) {
            reply.position(reply.position() + FATTR3_BYTES);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** XDR encoding of call arguments (RFC 4506): big-endian, opaques padded to four bytes. */
    private static final class XdrOut {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);
        private byte[] bulk = new byte[0];
        private int bulkFrom;
        private int bulkLength;

        XdrOut int32(int value) throws IOException {
            data.writeInt(value);
            return this;
        }

        XdrOut int64(long value) throws IOException {
            data.writeLong(value);
            return this;
        }

        XdrOut string(String text) throws IOException {
            return opaque(text.getBytes(StandardCharsets.UTF_8));
        }

        XdrOut opaque(byte[] value) throws IOException {
            data.writeInt(value.length);
            data.write(value);
            data.write(new byte[RpcTestClient.pad(value.length) - value.length]);
            return this;
        }

        /** A large opaque that ends the arguments: sent from the caller's array rather than copied. */
        XdrOut opaque(byte[] value, int from, int length) throws IOException {
            data.writeInt(length);
            bulk = value;
            bulkFrom = from;
            bulkLength = length;
            return this;
        }

        int size() {
            return bytes.size() + RpcTestClient.pad(bulkLength);
        }

        void writeTo(DataOutputStream out) throws IOException {
            bytes.writeTo(out);
            out.write(bulk, bulkFrom, bulkLength);
            out.write(new byte[RpcTestClient.pad(bulkLength) - bulkLength]);
        }
    }
}
