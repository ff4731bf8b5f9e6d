package io.cistern.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small NFSv3 client (RFC 1813 over RFC 5531 record marking, AUTH_SYS) for preparing what the real clients then
 * read: it mounts, looks up, creates, writes, sets sizes, lists and removes, and it pipelines calls on one
 * connection, so that a CREATE costs what the server needs for it rather than a client process's start and mount.
 * Only what the black-box tests need; every non-OK status is an {@link Nfs3Error}.
 */
final class Nfs3WireClient implements AutoCloseable {
    static final int NFS = 100003;
    static final int MOUNT = 100005;
    static final int GETATTR = 1;
    static final int SETATTR = 2;
    static final int LOOKUP = 3;
    static final int WRITE = 7;
    static final int CREATE = 8;
    static final int MKDIR = 9;
    static final int SYMLINK = 10;
    static final int REMOVE = 12;
    static final int RMDIR = 13;
    static final int READDIRPLUS = 17;
    static final int NOENT = 2;
    static final int NF3DIR = 2;
    static final int MOUNT_MNT = 1;
    static final int FILE_SYNC = 2;

    /** A status other than NFS3_OK (or MNT3_OK), with the procedure that got it. */
    static final class Nfs3Error extends IOException {
        final int status;

        Nfs3Error(int procedure, int status) {
            super("procedure " + procedure + " answered status " + status);
            this.status = status;
        }
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final byte[] credential;
    private int nextXid = 0x5000_0000;

    Nfs3WireClient(int port, int uid, int gid) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(60_000);
        socket.setTcpNoDelay(true);
        out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
        credential = new Xdr().putInt(0).putString("cistern-it").putInt(uid).putInt(gid).putInt(1).putInt(gid).bytes();
    }

    /** MOUNTPROC3_MNT: the root file handle of an export. */
    byte[] mount(String exportPath) throws IOException {
        ByteBuffer reply = call(MOUNT, MOUNT_MNT, new Xdr().putString(exportPath).bytes());
        int status = reply.getInt();
        if (status != 0) {
            throw new Nfs3Error(-MOUNT_MNT, status);
        }
        return opaque(reply);
    }

    byte[] lookup(byte[] directory, String name) throws IOException {
        ByteBuffer reply = ok(LOOKUP, call(NFS, LOOKUP, new Xdr().putOpaque(directory).putString(name).bytes()));
        return opaque(reply);
    }

    /** GETATTR: the fattr3 as a buffer positioned at its start (type, mode, nlink, uid, gid, size, ...). */
    ByteBuffer getattr(byte[] handle) throws IOException {
        return ok(GETATTR, call(NFS, GETATTR, new Xdr().putOpaque(handle).bytes()));
    }

    long size(byte[] handle) throws IOException {
        ByteBuffer attributes = getattr(handle);
        attributes.position(attributes.position() + 20);
        return attributes.getLong();
    }

    /** CREATE UNCHECKED with a mode; the new file's handle. */
    byte[] create(byte[] directory, String name, int mode) throws IOException {
        return createdHandle(CREATE, call(NFS, CREATE, createArgs(directory, name, mode)));
    }

    byte[] mkdir(byte[] directory, String name, int mode) throws IOException {
        return createdHandle(MKDIR, call(NFS, MKDIR, new Xdr().putOpaque(directory).putString(name).sattrMode(mode).bytes()));
    }

    byte[] symlink(byte[] directory, String name, String target) throws IOException {
        return createdHandle(SYMLINK, call(NFS, SYMLINK,
                new Xdr().putOpaque(directory).putString(name).sattrMode(0777).putString(target).bytes()));
    }

    /**
     * Creates every name (CREATE UNCHECKED) with up to {@code window} calls in flight on this one connection;
     * returns the handles in the order of the names.
     */
    List<byte[]> createAll(byte[] directory, List<String> names, int mode, int window) throws IOException {
        List<byte[]> args = new ArrayList<>(names.size());
        for (String name : names) {
            args.add(createArgs(directory, name, mode));
        }
        List<byte[]> handles = new ArrayList<>(names.size());
        for (ByteBuffer reply : callAll(CREATE, args, window)) {
            handles.add(createdHandle(CREATE, reply));
        }
        return handles;
    }

    /** A directory entry as READDIRPLUS returns it: name, type (ftype3) and handle. */
    record Entry(String name, int type, byte[] handle) {
    }

    /** Every entry of a directory but "." and "..", through READDIRPLUS pages of at most 32 KiB. */
    List<Entry> list(byte[] directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        boolean eof = false;
        while (!eof) {
            ByteBuffer reply = ok(READDIRPLUS, call(NFS, READDIRPLUS, new Xdr().putOpaque(directory).putLong(cookie)
                    .putLong(verifier).putInt(8192).putInt(32768).bytes()));
            skipPostOpAttr(reply);
            verifier = reply.getLong();
            while (reply.getInt() != 0) {
                reply.getLong();                                       // fileid
                String name = new String(opaque(reply), StandardCharsets.UTF_8);
                cookie = reply.getLong();
                int type = 0;
                if (reply.getInt() != 0) {
                    type = reply.getInt();
                    reply.position(reply.position() + 80);
                }
                byte[] handle = reply.getInt() != 0 ? opaque(reply) : null;
                if (!name.equals(".") && !name.equals("..")) {
                    entries.add(new Entry(name, type, handle));
                }
            }
            eof = reply.getInt() != 0;
        }
        return entries;
    }

    /** Removes a directory's whole contents (not the directory), with REMOVEs pipelined. */
    void removeContents(byte[] directory) throws IOException {
        List<byte[]> removes = new ArrayList<>();
        for (Entry entry : list(directory)) {
            if (entry.type() == NF3DIR) {
                byte[] handle = entry.handle() != null ? entry.handle() : lookup(directory, entry.name());
                removeContents(handle);
                ok(RMDIR, call(NFS, RMDIR, new Xdr().putOpaque(directory).putString(entry.name()).bytes()));
            } else {
                removes.add(new Xdr().putOpaque(directory).putString(entry.name()).bytes());
            }
        }
        for (ByteBuffer reply : callAll(REMOVE, removes, 16)) {
            ok(REMOVE, reply);
        }
    }

    /** Removes a directory tree below {@code parent}; nothing when it does not exist. */
    void removeTree(byte[] parent, String name) throws IOException {
        byte[] directory;
        try {
            directory = lookup(parent, name);
        } catch (Nfs3Error e) {
            if (e.status == NOENT) {
                return;
            }
            throw e;
        }
        removeContents(directory);
        ok(RMDIR, call(NFS, RMDIR, new Xdr().putOpaque(parent).putString(name).bytes()));
    }

    /** REMOVE of a name that may not be there. */
    void removeIfPresent(byte[] directory, String name) throws IOException {
        int status = call(NFS, REMOVE, new Xdr().putOpaque(directory).putString(name).bytes()).getInt();
        if (status != 0 && status != NOENT) {
            throw new Nfs3Error(REMOVE, status);
        }
    }

    /** Calls one NFS procedure once per argument list, up to {@code window} in flight; replies in that order. */
    List<ByteBuffer> callAll(int procedure, List<byte[]> args, int window) throws IOException {
        Map<Integer, Integer> pending = new HashMap<>();
        ByteBuffer[] results = new ByteBuffer[args.size()];
        int sent = 0;
        int received = 0;
        while (received < args.size()) {
            while (sent < args.size() && sent - received < window) {
                int xid = nextXid++;
                pending.put(xid, sent);
                send(xid, NFS, procedure, args.get(sent));
                sent++;
            }
            out.flush();
            Reply reply = receive();
            Integer index = pending.remove(reply.xid);
            if (index == null) {
                throw new IOException("reply to an unknown xid " + reply.xid);
            }
            results[index] = reply.body;
            received++;
        }
        return List.of(results);
    }

    /** SETATTR of the size alone (truncate or extend: an extension is a hole). */
    void setSize(byte[] handle, long size) throws IOException {
        Xdr args = new Xdr().putOpaque(handle)
                .putInt(0).putInt(0).putInt(0)      // mode, uid, gid: unchanged
                .putInt(1).putLong(size)            // size
                .putInt(0).putInt(0)                // atime, mtime: DONT_CHANGE
                .putInt(0);                         // no guard
        ok(SETATTR, call(NFS, SETATTR, args.bytes()));
    }

    /** WRITE FILE_SYNC of all the bytes at an offset (one call: at most the server's wtmax). */
    void write(byte[] handle, long offset, byte[] data) throws IOException {
        Xdr args = new Xdr().putOpaque(handle).putLong(offset).putInt(data.length).putInt(FILE_SYNC).putOpaque(data);
        ByteBuffer reply = ok(WRITE, call(NFS, WRITE, args.bytes()));
        skipWcc(reply);
        int count = reply.getInt();
        if (count != data.length) {
            throw new IOException("short write: " + count + " of " + data.length);
        }
    }

    private static byte[] createArgs(byte[] directory, String name, int mode) {
        return new Xdr().putOpaque(directory).putString(name).putInt(0).sattrMode(mode).bytes();
    }

    /** post_op_fh3 of a CREATE, MKDIR or SYMLINK reply. */
    private static byte[] createdHandle(int procedure, ByteBuffer body) throws IOException {
        ByteBuffer reply = ok(procedure, body);
        if (reply.getInt() == 0) {
            throw new IOException("procedure " + procedure + " returned no file handle");
        }
        return opaque(reply);
    }

    private static ByteBuffer ok(int procedure, ByteBuffer body) throws Nfs3Error {
        int status = body.getInt();
        if (status != 0) {
            throw new Nfs3Error(procedure, status);
        }
        return body;
    }

    private static void skipWcc(ByteBuffer b) {
        if (b.getInt() != 0) {
            b.position(b.position() + 24);     // wcc_attr: size, mtime, ctime
        }
        skipPostOpAttr(b);
    }

    private static void skipPostOpAttr(ByteBuffer b) {
        if (b.getInt() != 0) {
            b.position(b.position() + 84);     // fattr3
        }
    }

    private static byte[] opaque(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        b.position(b.position() + ((4 - bytes.length % 4) % 4));
        return bytes;
    }

    private record Reply(int xid, ByteBuffer body) {
    }

    private ByteBuffer call(int program, int procedure, byte[] args) throws IOException {
        int xid = nextXid++;
        send(xid, program, procedure, args);
        out.flush();
        Reply reply = receive();
        if (reply.xid != xid) {
            throw new IOException("reply to xid " + reply.xid + ", expected " + xid);
        }
        return reply.body;
    }

    private void send(int xid, int program, int procedure, byte[] args) throws IOException {
        byte[] header = new Xdr().putInt(xid).putInt(0).putInt(2).putInt(program).putInt(3).putInt(procedure)
                .putInt(1).putOpaque(credential).putInt(0).putInt(0).bytes();
        out.writeInt(0x8000_0000 | (header.length + args.length));
        out.write(header);
        out.write(args);
    }

    private Reply receive() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(RpcTestClient.readRecord(in));
        int xid = b.getInt();
        if (b.getInt() != 1 || b.getInt() != 0) {
            throw new IOException("xid " + xid + ": not an accepted reply");
        }
        b.getInt();                                             // verifier flavor
        int verifierLength = b.getInt();
        b.position(b.position() + ((verifierLength + 3) & ~3));
        int acceptStat = b.getInt();
        if (acceptStat != 0) {
            throw new IOException("xid " + xid + ": accept_stat " + acceptStat);
        }
        return new Reply(xid, b);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** XDR encoding (RFC 4506) of what the calls above send. */
    static final class Xdr {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);

        Xdr putInt(int value) {
            try {
                data.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Xdr putLong(long value) {
            return putInt((int) (value >>> 32)).putInt((int) value);
        }

        Xdr putOpaque(byte[] value) {
            putInt(value.length);
            bytes.write(value, 0, value.length);
            for (int i = value.length; i % 4 != 0; i++) {
                bytes.write(0);
            }
            return this;
        }

        Xdr putString(String value) {
            return putOpaque(value.getBytes(StandardCharsets.UTF_8));
        }

        /** A sattr3 that sets the mode only. */
        Xdr sattrMode(int mode) {
            return putInt(1).putInt(mode).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
