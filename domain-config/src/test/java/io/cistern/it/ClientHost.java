package io.cistern.it;

import io.cistern.it.Nfs3WireClient.Xdr;
import io.cistern.it.NlmTestClient.Lock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The host the NLM test clients run on (127.0.0.1), as a lock server reaches it: a portmapper (RFC 1833 version 2,
 * program 100000, over UDP, where NLM servers ask) and the host's lock manager (NLM version 4 over TCP), which gets
 * the server's GRANTED callbacks. Clients A, B and C all live on this one host, as processes of one machine do, so
 * they share its lock manager; a GRANTED names whose lock it grants. The same port serves the host's status monitor
 * (NSM version 1), which takes the SM_NOTIFY a restarted server sends; it is found only once registered
 * ({@link #registerStatusMonitor}), as statd registers itself.
 * <p>
 * Its own portmapper rather than the system's on port 111: that may be rpcbind or nothing, needs root, and
 * NfsJavaClientIT's Cistern takes port 111 for itself. Cistern is told where it is (CISTERN_NLM_CLIENT_PORTMAPPER_PORT),
 * so it must exist before Cistern starts: {@link SharedCistern} starts it, and the lock manager registers itself
 * with PMAPPROC_SET as lockd does.
 */
final class ClientHost implements AutoCloseable {
    static final int PMAP = 100000;
    static final int PMAP_VERSION = 2;
    static final int PMAPPROC_SET = 1;
    static final int PMAPPROC_UNSET = 2;
    static final int PMAPPROC_GETPORT = 3;
    static final int IPPROTO_TCP = 6;

    /** A callback that reached the lock manager: the procedure, its cookie and the lock it grants. */
    record Callback(int procedure, byte[] cookie, boolean exclusive, Lock lock) {
    }

    /** An SM_NOTIFY that reached the status monitor (stat_chge): which host restarted, and its new state number. */
    record Notice(String monName, int state) {
    }

    private final DatagramSocket portmapper;
    private final ServerSocket lockManager;
    /** Registrations by (program, version, protocol): what PMAPPROC_SET added. */
    private final Map<List<Integer>, Integer> mappings = new ConcurrentHashMap<>();
    private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Notice> notices = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    ClientHost() {
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            portmapper = new DatagramSocket(new InetSocketAddress(loopback, 0));
            lockManager = new ServerSocket(0, 16, loopback);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("client-host-portmapper", this::servePortmapper);
        daemon("client-host-lock-manager", this::acceptLockManagerConnections);
    }

    int portmapperPort() {
        return portmapper.getLocalPort();
    }

    int lockManagerPort() {
        return lockManager.getLocalPort();
    }

    /** PMAPPROC_SET of NLM v4 over TCP at the lock manager's port, sent to the portmapper as lockd sends it. */
    boolean registerLockManager() throws IOException {
        return register(NlmTestClient.NLM, NlmTestClient.NLM_VERSION);
    }

    /** PMAPPROC_SET of NSM v1 over TCP at the same port, as statd registers itself. */
    boolean registerStatusMonitor() throws IOException {
        return register(NlmTestClient.NSM, NlmTestClient.NSM_VERSION);
    }

    private boolean register(int program, int version) throws IOException {
        byte[] mapping = new Xdr().putInt(program).putInt(version).putInt(IPPROTO_TCP).putInt(lockManagerPort()).bytes();
        byte[] header = RpcTestClient.callHeader(0x7100_0001, 2, PMAP, PMAP_VERSION, PMAPPROC_SET, RpcTestClient.AUTH_NONE,
                new byte[0]);
        byte[] call = ByteBuffer.allocate(header.length + mapping.length).put(header).put(mapping).array();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(call, call.length, portmapper.getLocalSocketAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            socket.receive(answer);
            ByteBuffer reply = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
            reply.position(24);                      // xid, REPLY, MSG_ACCEPTED, AUTH_NONE verifier, SUCCESS
            return reply.getInt() != 0;
        }
    }

    /** The next callback, or null when none comes within the time. */
    Callback nextCallback(long timeout, TimeUnit unit) throws InterruptedException {
        return callbacks.poll(timeout, unit);
    }

    /** The next SM_NOTIFY, or null when none comes within the time. */
    Notice nextNotice(long timeout, TimeUnit unit) throws InterruptedException {
        return notices.poll(timeout, unit);
    }

    /** Forgets callbacks nobody waited for, so that one test never sees another's. */
    void forgetCallbacks() {
        callbacks.clear();
    }

    // ---- the portmapper

    private void servePortmapper() {
        byte[] buffer = new byte[9000];
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                portmapper.receive(packet);
                ByteBuffer call = ByteBuffer.wrap(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] reply = answerPortmapper(call);
                portmapper.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                System.err.println("client host portmapper: " + e);
            }
        }
    }

    /** PMAPPROC_NULL, SET, UNSET and GETPORT (RFC 1833 section 3.2); other programs and procedures are refused. */
    private byte[] answerPortmapper(ByteBuffer call) throws IOException {
        CallHeader header = CallHeader.decode(call);
        if (header.program != PMAP || header.version != PMAP_VERSION) {
            return acceptedReply(header.xid, 1, new byte[0]);     // PROG_UNAVAIL
        }
        List<Integer> key = null;
        int port = 0;
        if (header.procedure >= PMAPPROC_SET && header.procedure <= PMAPPROC_GETPORT) {
            key = List.of(call.getInt(), call.getInt(), call.getInt());   // struct mapping: prog, vers, prot
            port = call.getInt();
        }
        return switch (header.procedure) {
            case 0 -> acceptedReply(header.xid, 0, new byte[0]);
            case PMAPPROC_SET -> acceptedReply(header.xid, 0,
                    new Xdr().putInt(mappings.putIfAbsent(key, port) == null ? 1 : 0).bytes());
            case PMAPPROC_UNSET -> acceptedReply(header.xid, 0, new Xdr().putInt(unset(key.subList(0, 2)) ? 1 : 0).bytes());
            case PMAPPROC_GETPORT -> acceptedReply(header.xid, 0, new Xdr().putInt(mappings.getOrDefault(key, 0)).bytes());
            default -> acceptedReply(header.xid, 3, new byte[0]);   // PROC_UNAVAIL
        };
    }

    /** PMAPPROC_UNSET drops a program version's mappings for every protocol. */
    private boolean unset(List<Integer> programVersion) {
        return mappings.keySet().removeIf(mapping -> mapping.subList(0, 2).equals(programVersion));
    }

    // ---- the lock manager

    private void acceptLockManagerConnections() {
        while (!closed) {
            try {
                Socket connection = lockManager.accept();
                daemon("client-host-lock-manager-connection", () -> serveLockManager(connection));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("client host lock manager: " + e);
                }
            }
        }
    }

    /** Calls in records over one connection, until the server closes it (it does after each GRANTED). */
    private void serveLockManager(Socket connection) {
        try (connection) {
            connection.setSoTimeout(60_000);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (!closed) {
                byte[] reply = answerLockManager(ByteBuffer.wrap(RpcTestClient.readRecord(in)));
                out.writeInt(0x8000_0000 | reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (SocketTimeoutException | java.io.EOFException ended) {
            // the server is done with this connection
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("client host lock manager connection: " + e);
            }
        }
    }

    /**
     * NLMPROC4_NULL and NLMPROC4_GRANTED (nlm4_testargs: cookie, exclusive, alock), answered nlm4_res GRANTED with
     * the server's cookie: the client takes the lock it waited for. Each GRANTED is recorded for the test.
     */
    private byte[] answerLockManager(ByteBuffer call) throws IOException {
        CallHeader header = CallHeader.decode(call);
        if (header.program == NlmTestClient.NSM) {
            return answerStatusMonitor(header, call);
        }
        if (header.program != NlmTestClient.NLM) {
            return acceptedReply(header.xid, 1, new byte[0]);                                  // PROG_UNAVAIL
        }
        if (header.version != NlmTestClient.NLM_VERSION) {
            return acceptedReply(header.xid, 2, new Xdr().putInt(4).putInt(4).bytes());       // PROG_MISMATCH 4-4
        }
        if (header.procedure == 0) {
            return acceptedReply(header.xid, 0, new byte[0]);
        }
        if (header.procedure != NlmTestClient.NLMPROC4_GRANTED) {
            return acceptedReply(header.xid, 3, new byte[0]);                                  // PROC_UNAVAIL
        }
        byte[] cookie = NlmTestClient.opaque(call);
        boolean exclusive = call.getInt() != 0;
        callbacks.add(new Callback(header.procedure, cookie, exclusive, Lock.decode(call)));
        return acceptedReply(header.xid, 0, new Xdr().putOpaque(cookie).putInt(NlmTestClient.Stat.GRANTED.ordinal()).bytes());
    }

    /**
     * SM_NULL and SM_NOTIFY (XNFS chapter 11; stat_chge: mon_name, state), which returns void. Each notice is recorded
     * for the test; a real statd would now tell its lock manager to reclaim.
     */
    private byte[] answerStatusMonitor(CallHeader header, ByteBuffer call) {
        if (header.version != NlmTestClient.NSM_VERSION) {
            return acceptedReply(header.xid, 2, new Xdr().putInt(1).putInt(1).bytes());       // PROG_MISMATCH 1-1
        }
        if (header.procedure == 0) {
            return acceptedReply(header.xid, 0, new byte[0]);
        }
        if (header.procedure != NlmTestClient.SM_NOTIFY) {
            return acceptedReply(header.xid, 3, new byte[0]);                                  // PROC_UNAVAIL
        }
        String monName = new String(NlmTestClient.opaque(call), StandardCharsets.UTF_8);
        notices.add(new Notice(monName, call.getInt()));
        return acceptedReply(header.xid, 0, new byte[0]);
    }

    // ---- RPC (RFC 5531) as a server

    /** The call header fields a server dispatches on; credential and verifier are read past. */
    private record CallHeader(int xid, int program, int version, int procedure) {
        static CallHeader decode(ByteBuffer call) throws IOException {
            int xid = call.getInt();
            if (call.getInt() != 0 || call.getInt() != 2) {
                throw new IOException("xid " + xid + ": not an RPC version 2 call");
            }
            CallHeader header = new CallHeader(xid, call.getInt(), call.getInt(), call.getInt());
            for (int i = 0; i < 2; i++) {                          // cred, verf: flavor and body
                call.getInt();
                NlmTestClient.opaque(call);
            }
            return header;
        }
    }

    /** An accepted reply with an AUTH_NONE verifier, accept_stat and whatever results follow it. */
    private static byte[] acceptedReply(int xid, int acceptStat, byte[] results) {
        return ByteBuffer.allocate(24 + results.length).putInt(xid).putInt(1).putInt(0).putInt(0).putInt(0)
                .putInt(acceptStat).put(results).array();
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        portmapper.close();
        lockManager.close();
    }
}
