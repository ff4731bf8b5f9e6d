package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.RpcTestClient.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The NFS adapter over real TCP, through the MDB: a real client (rpcinfo) and every RPC error reply. */
@ExtendWith(SharedCistern.class)
class NfsRpcIT {
    private static final int NFS = 100003;
    private static final int MOUNT = 100005;
    /** Debian puts rpcinfo in /usr/sbin, which is not on every PATH. */
    private static final String RPCINFO = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/sbin/rpcinfo"))
            ? "/usr/sbin/rpcinfo" : "rpcinfo";

    @Test
    void rpcinfoFindsNfsAndMountReady(CisternProcess cistern) throws Exception {
        assertEquals("program 100003 version 3 ready and waiting", rpcinfo(cistern.nfsPort(), NFS, 3));
        assertEquals("program 100005 version 3 ready and waiting", rpcinfo(cistern.nfsPort(), MOUNT, 3));
        assertTrue(rpcinfo(cistern.nfsPort(), NFS, 2).contains("low version = 3, high version = 3"), "PROG_MISMATCH range");
        assertTrue(rpcinfo(cistern.nfsPort(), 100099, 1).contains("Program unavailable"), "PROG_UNAVAIL");
    }

    @Test
    void everyRpcErrorIsAnsweredOnOneConnectionThatStaysOpen(CisternProcess cistern) throws Exception {
        try (RpcTestClient client = new RpcTestClient(cistern.nfsPort())) {
            Reply unknownProgram = client.call(1, 100099, 1, 0);
            assertTrue(unknownProgram.accepted());
            assertEquals(Reply.PROG_UNAVAIL, unknownProgram.stat());

            Reply wrongVersion = client.call(2, NFS, 2, 0);
            assertEquals(Reply.PROG_MISMATCH, wrongVersion.stat());
            assertEquals(3, wrongVersion.low());
            assertEquals(3, wrongVersion.high());

            assertEquals(Reply.PROC_UNAVAIL, client.call(3, MOUNT, 3, 42).stat());

            client.send(RpcTestClient.callHeader(4, 3, NFS, 3, 0, RpcTestClient.AUTH_NONE, new byte[0]));
            Reply wrongRpc = client.receive();
            assertFalse(wrongRpc.accepted());
            assertEquals(Reply.RPC_MISMATCH, wrongRpc.stat());
            assertEquals(2, wrongRpc.low());

            client.send(RpcTestClient.callHeader(5, 2, NFS, 3, 0, 6, new byte[4]));
            Reply badCredential = client.receive();
            assertEquals(Reply.AUTH_ERROR, badCredential.stat());
            assertEquals(1, badCredential.low(), "AUTH_BADCRED");

            byte[] truncated = java.util.Arrays.copyOf(RpcTestClient.callHeader(6, 2, NFS, 3, 0, 0, new byte[0]), 20);
            client.send(truncated);
            assertEquals(Reply.GARBAGE_ARGS, client.receive().stat());

            Reply stillServing = client.call(7, NFS, 3, 0);
            assertEquals(7, stillServing.xid());
            assertEquals(Reply.SUCCESS, stillServing.stat());
        }
    }

    @Test
    void fragmentedAndPipelinedCallsAreAllAnswered(CisternProcess cistern) throws Exception {
        try (RpcTestClient client = new RpcTestClient(cistern.nfsPort())) {
            byte[] sys = RpcTestClient.authSys(1000, 1000, "it-client");
            for (int xid = 100; xid < 150; xid++) {
                client.sendFragmented(RpcTestClient.callHeader(xid, 2, xid % 2 == 0 ? NFS : MOUNT, 3, 0,
                        RpcTestClient.AUTH_SYS, sys), 12);
            }
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                Reply reply = client.receive();
                assertEquals(Reply.SUCCESS, reply.stat());
                answered.add(reply.xid());
            }
            assertEquals(50, answered.size(), "every call answered once, in any order");
        }
    }

    @Test
    void oversizedRecordIsRefusedWithoutDroppingTheConnection(CisternProcess cistern) throws IOException {
        try (RpcTestClient client = new RpcTestClient(cistern.nfsPort())) {
            byte[] header = RpcTestClient.callHeader(200, 2, NFS, 3, 0, RpcTestClient.AUTH_NONE, new byte[0]);
            byte[] huge = java.util.Arrays.copyOf(header, 2 * 1024 * 1024);
            client.send(huge);
            Reply refused = client.receive();
            assertEquals(200, refused.xid());
            assertEquals(Reply.GARBAGE_ARGS, refused.stat());
            assertEquals(Reply.SUCCESS, client.call(201, NFS, 3, 0).stat());
        }
    }

    /**
     * Pings a program with Debian's rpcinfo. {@code -a <universal address> -T tcp} names the port directly;
     * {@code -n port -t} would too by its man page, but this rpcinfo asks rpcbind on port 111 first anyway
     * (seen with strace), so it only works once a portmapper knows the program.
     */
    static String rpcinfo(int port, int program, int version) throws IOException, InterruptedException {
        String universalAddress = "127.0.0.1." + (port >> 8) + "." + (port & 0xFF);
        Process process = new ProcessBuilder(RPCINFO, "-a", universalAddress, "-T", "tcp",
                Integer.toString(program), Integer.toString(version)).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "rpcinfo finished");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
