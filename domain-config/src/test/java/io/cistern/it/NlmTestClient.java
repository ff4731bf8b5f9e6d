package io.cistern.it;

import io.cistern.it.Nfs3WireClient.Xdr;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One NFS client host's lock manager as the server sees it: NLM version 4 (program 100021; XNFS chapter 14, RFC 1813
 * appendix II) and the NSM calls a server gets from clients (SM_NOTIFY, and SM_STAT for the server's state number;
 * program 100024 version 1, XNFS chapter 11), over its own TCP connection to Cistern's NFS port with AUTH_SYS, as
 * Linux lockd calls. Every lock it asks for carries this client's caller_name, oh and svid, so that the server sees
 * one lock owner per client.
 * <p>
 * Only the synchronous procedures: a blocked LOCK is granted back through GRANTED to the lock manager the test
 * runs ({@link ClientHost}). Each call carries a cookie of its own, and every reply is checked to echo it.
 */
final class NlmTestClient implements AutoCloseable {
    static final int NLM = 100021;
    static final int NLM_VERSION = 4;
    static final int NSM = 100024;
    static final int NSM_VERSION = 1;
    static final int NLMPROC4_TEST = 1;
    static final int NLMPROC4_LOCK = 2;
    static final int NLMPROC4_CANCEL = 3;
    static final int NLMPROC4_UNLOCK = 4;
    static final int NLMPROC4_GRANTED = 5;
    static final int NLMPROC4_FREE_ALL = 23;
    static final int SM_STAT = 1;
    static final int SM_NOTIFY = 6;

    /** nlm4_stats, in code order. */
    enum Stat { GRANTED, DENIED, DENIED_NOLOCKS, BLOCKED, DENIED_GRACE_PERIOD, DEADLCK, ROFS, STALE_FH, FBIG, FAILED }

    /**
     * nlm4_lock: caller_name, fh, oh, svid, l_offset, l_len. Offset and length are XDR unsigned hypers; a length of
     * 0 means "to the end of the file".
     */
    record Lock(String callerName, byte[] fh, byte[] oh, int svid, long offset, long length) {
        Xdr encode(Xdr out) {
            return out.putString(callerName).putOpaque(fh).putOpaque(oh).putInt(svid).putLong(offset).putLong(length);
        }

        static Lock decode(ByteBuffer in) {
            String callerName = new String(opaque(in), StandardCharsets.UTF_8);
            byte[] fh = opaque(in);
            byte[] oh = opaque(in);
            return new Lock(callerName, fh, oh, in.getInt(), in.getLong(), in.getLong());
        }

        /** Field by field, since records compare arrays by identity. */
        boolean sameAs(Lock other) {
            return callerName.equals(other.callerName) && Arrays.equals(fh, other.fh) && Arrays.equals(oh, other.oh)
                    && svid == other.svid && offset == other.offset && length == other.length;
        }

        @Override
        public String toString() {
            return callerName + " oh=" + new String(oh, StandardCharsets.UTF_8) + " svid=" + svid + " bytes " + offset
                    + "+" + length;
        }
    }

    /** nlm4_holder: the conflicting lock a DENIED TEST reports (exclusive, svid, oh, l_offset, l_len). */
    record Holder(boolean exclusive, int svid, byte[] oh, long offset, long length) {
    }

    /** nlm4_testres: the status, and the holder exactly when it is DENIED. */
    record TestReply(Stat status, Holder holder) {
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final byte[] credential;
    private final String callerName;
    private final byte[] oh;
    private final int svid;
    private int nextXid;
    private int nextCookie;

    /**
     * @param callerName the client host's name, as lockd puts it into every nlm4_lock
     * @param svid       the locking process on that host; with {@code oh}, the lock owner
     */
    NlmTestClient(int nfsPort, String callerName, int svid, int uid, int gid) throws IOException {
        this.callerName = callerName;
        this.oh = (svid + "@" + callerName).getBytes(StandardCharsets.UTF_8);
        this.svid = svid;
        this.nextXid = 0x6000_0000 + (callerName.hashCode() & 0xFFFF) * 0x1000;
        this.credential = RpcTestClient.authSys(uid, gid, callerName);
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", nfsPort), 5_000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** This client's lock of {@code length} bytes from {@code offset} of a file. */
    Lock lockOf(byte[] fh, long offset, long length) {
        return new Lock(callerName, fh, oh, svid, offset, length);
    }

    /** NLMPROC4_TEST (nlm4_testargs: cookie, exclusive, alock): whether the lock could be taken now (F_GETLK). */
    TestReply test(byte[] fh, boolean exclusive, long offset, long length) throws IOException {
        byte[] cookie = cookie();
        Xdr args = lockOf(fh, offset, length).encode(new Xdr().putOpaque(cookie).putInt(bool(exclusive)));
        ByteBuffer reply = call(NLM, NLM_VERSION, NLMPROC4_TEST, args);
        Stat status = status(reply, cookie);
        if (status != Stat.DENIED) {
            return new TestReply(status, null);
        }
        boolean holderExclusive = reply.getInt() != 0;
        int holderSvid = reply.getInt();
        byte[] holderOh = opaque(reply);
        return new TestReply(status, new Holder(holderExclusive, holderSvid, holderOh, reply.getLong(), reply.getLong()));
    }

    /**
     * NLMPROC4_LOCK (nlm4_lockargs: cookie, block, exclusive, alock, reclaim, state): GRANTED or DENIED at once
     * without {@code block} (F_SETLK), BLOCKED and a GRANTED callback later with it (F_SETLKW).
     */
    Stat lock(byte[] fh, boolean exclusive, boolean block, long offset, long length) throws IOException {
        return lock(fh, exclusive, block, false, offset, length);
    }

    /** LOCK with the reclaim flag as a client re-establishing its locks after the server restarted sends it. */
    Stat lock(byte[] fh, boolean exclusive, boolean block, boolean reclaim, long offset, long length) throws IOException {
        byte[] cookie = cookie();
        Xdr args = new Xdr().putOpaque(cookie).putInt(bool(block)).putInt(bool(exclusive));
        lockOf(fh, offset, length).encode(args).putInt(bool(reclaim)).putInt(1);   // our NSM state: 1
        return status(call(NLM, NLM_VERSION, NLMPROC4_LOCK, args), cookie);
    }

    /** NLMPROC4_CANCEL (nlm4_cancargs: cookie, block, exclusive, alock): withdraws a blocked LOCK. */
    Stat cancel(byte[] fh, boolean exclusive, long offset, long length) throws IOException {
        byte[] cookie = cookie();
        Xdr args = lockOf(fh, offset, length).encode(new Xdr().putOpaque(cookie).putInt(1).putInt(bool(exclusive)));
        return status(call(NLM, NLM_VERSION, NLMPROC4_CANCEL, args), cookie);
    }

    /** NLMPROC4_UNLOCK (nlm4_unlockargs: cookie, alock). */
    Stat unlock(byte[] fh, long offset, long length) throws IOException {
        byte[] cookie = cookie();
        return status(call(NLM, NLM_VERSION, NLMPROC4_UNLOCK, lockOf(fh, offset, length).encode(new Xdr().putOpaque(cookie))),
                cookie);
    }

    /** NLMPROC4_FREE_ALL (nlm4_notify: name, state): "host {@code name} restarted"; the RPC result is void. */
    void freeAll(String name, int state) throws IOException {
        ByteBuffer reply = call(NLM, NLM_VERSION, NLMPROC4_FREE_ALL, new Xdr().putString(name).putInt(state));
        expectVoid(reply, "FREE_ALL");
    }

    /** SM_NOTIFY (stat_chge: mon_name, state): what a restarted client's sm-notify sends; the result is void. */
    void smNotify(String monName, int state) throws IOException {
        ByteBuffer reply = call(NSM, NSM_VERSION, SM_NOTIFY, new Xdr().putString(monName).putInt(state));
        expectVoid(reply, "SM_NOTIFY");
    }

    /** SM_STAT (sm_name: a host name; sm_stat_res: res_stat, state): the server's NSM state number. */
    int smStat(String name) throws IOException {
        ByteBuffer reply = call(NSM, NSM_VERSION, SM_STAT, new Xdr().putString(name));
        if (reply.getInt() != 0) {
            throw new IOException("SM_STAT answered STAT_FAIL");
        }
        return reply.getInt();
    }

    private static void expectVoid(ByteBuffer reply, String procedure) throws IOException {
        if (reply.hasRemaining()) {
            throw new IOException(procedure + " returns void, got " + reply.remaining() + " bytes");
        }
    }

    /** nlm4_res or the start of nlm4_testres: the echoed cookie, then nlm4_stats. */
    private static Stat status(ByteBuffer reply, byte[] cookie) throws IOException {
        byte[] echoed = opaque(reply);
        if (!Arrays.equals(cookie, echoed)) {
            throw new IOException("the reply echoes cookie " + Arrays.toString(echoed) + ", not " + Arrays.toString(cookie));
        }
        int code = reply.getInt();
        if (code < 0 || code >= Stat.values().length) {
            throw new IOException("no nlm4_stats " + code);
        }
        return Stat.values()[code];
    }

    private byte[] cookie() {
        return ByteBuffer.allocate(8).putInt(svid).putInt(++nextCookie).array();
    }

    /** One call (RFC 5531 call header, AUTH_SYS) and its accepted, successful reply's results. */
    private ByteBuffer call(int program, int version, int procedure, Xdr args) throws IOException {
        int xid = nextXid++;
        byte[] header = RpcTestClient.callHeader(xid, 2, program, version, procedure, RpcTestClient.AUTH_SYS, credential);
        byte[] body = args.bytes();
        out.writeInt(0x8000_0000 | (header.length + body.length));
        out.write(header);
        out.write(body);
        out.flush();
        ByteBuffer reply = ByteBuffer.wrap(RpcTestClient.readRecord(in));
        int replyXid = reply.getInt();
        if (replyXid != xid || reply.getInt() != 1 || reply.getInt() != 0) {
            throw new IOException("xid " + xid + ": not an accepted reply to it (xid " + replyXid + ")");
        }
        reply.getInt();                                              // verifier flavor
        opaque(reply);                                               // verifier body
        int acceptStat = reply.getInt();
        if (acceptStat != 0) {
            throw new IOException("program " + program + " procedure " + procedure + ": accept_stat " + acceptStat);
        }
        return reply;
    }

    static byte[] opaque(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        b.position(b.position() + RpcTestClient.pad(bytes.length) - bytes.length);
        return bytes;
    }

    private static int bool(boolean value) {
        return value ? 1 : 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
