package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The portmapper as the real Debian clients use it: rpcinfo (package rpcbind) and showmount (nfs-common) only
 * ever ask port 111, so the adapter has to be there. CI can run this (it is root, runs no rpcbind and installs
 * rpcinfo), and does not skip it: there a taken port 111 or a missing rpcinfo fails. Elsewhere such a machine
 * skips it, saying why. showmount is optional everywhere (CI does not install nfs-common).
 * <p>
 * What the clients were seen to do: libtirpc asks rpcbind versions 4 and 3 over TCP, is told PROG_MISMATCH 2-2,
 * then asks version 2 GETPORT over UDP, also for services over TCP; rpcinfo -p then sends DUMP over TCP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientsOnPort111Test {
    private static final int PORTMAPPER = 111;
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private final AtomicInteger pings = new AtomicInteger();
    private final AdapterHarness harness = new AdapterHarness(new UnsupportedNfsListener() {
        @Override
        public void ping(NfsCaller caller) {
            pings.incrementAndGet();
        }

        @Override
        public void adapterEvent(NfsAdapterEvent event) {
        }

        @Override
        public NfsMountReply mount(NfsCaller caller, String path) {
            return new NfsMountReply(NfsStatus.OK, new byte[] {1, 2, 3, 4}, List.of());
        }

        @Override
        public List<NfsExport> exports(NfsCaller caller) {
            return List.of(new NfsExport("/data", List.of()), new NfsExport("/home", List.of("10.0.0.0/8", "builder")));
        }
    });
    private String rpcinfo;
    private int nfsPort;
    /** Why the check cannot run on this machine; null when it can. */
    private String unavailable;

    @BeforeAll
    void startOnPort111() throws Exception {
        rpcinfo = tool("rpcinfo").orElse(null);
        if (rpcinfo == null) {
            unavailable = "rpcinfo is not installed (Debian package rpcbind)";
        } else if (!AdapterHarness.tcpFree(PORTMAPPER) || !AdapterHarness.udpFree(PORTMAPPER)) {
            unavailable = "port 111 (TCP and UDP) on 127.0.0.1 is taken (rpcbind running?) or needs root";
        } else {
            nfsPort = AdapterHarness.freePortForTcpAndUdp();
            harness.adapter.setPort(nfsPort);
            harness.adapter.setPortmapperPort(PORTMAPPER);
            harness.activate();
        }
    }

    /** Per test, not per class: a skipped class would not show in the test report at all. */
    @BeforeEach
    void requireTheMachine() {
        if (CI) {
            assertNull(unavailable, "CI runs the real-client check of the portmapper, but " + unavailable);
        } else {
            Assumptions.assumeTrue(unavailable == null, "real-client check of the portmapper skipped: " + unavailable);
        }
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void rpcinfoPrintsExactlyTheConfiguredMappings() throws Exception {
        Result result = run(rpcinfo, "-p", AdapterHarness.LOOPBACK);
        assertEquals(0, result.exitCode(), result.output());
        Set<String> mappings = result.output().lines().skip(1)
                .map(line -> String.join(" ", Arrays.asList(line.trim().split("\\s+")).subList(0, 4)))
                .collect(Collectors.toSet());
        assertEquals(Set.of("100000 2 tcp 111", "100000 2 udp 111", "100003 3 tcp " + nfsPort,
                "100005 3 tcp " + nfsPort, "100021 4 tcp " + nfsPort, "100021 4 udp " + nfsPort,
                "100024 1 tcp " + nfsPort, "100024 1 udp " + nfsPort), mappings, result.output());
    }

    @Test
    void rpcinfoFindsNfsAndMountOverTcpThroughThePortmapper() throws Exception {
        int before = pings.get();
        assertEquals("program 100005 version 3 ready and waiting",
                run(rpcinfo, "-t", AdapterHarness.LOOPBACK, "100005", "3").output().strip());
        assertEquals("program 100003 version 3 ready and waiting",
                run(rpcinfo, "-t", AdapterHarness.LOOPBACK, "100003", "3").output().strip());
        assertEquals(before + 2, pings.get(), "both NULL calls reached the application at the NFS port");
    }

    @Test
    void rpcinfoReachesTheLockManagerOverUdpAndTcpAndTheStatusMonitor() throws Exception {
        int before = pings.get();
        assertEquals("program 100021 version 4 ready and waiting",
                run(rpcinfo, "-u", AdapterHarness.LOOPBACK, "100021", "4").output().strip());
        assertEquals("program 100021 version 4 ready and waiting",
                run(rpcinfo, "-t", AdapterHarness.LOOPBACK, "100021", "4").output().strip());
        assertEquals(before + 2, pings.get(), "NLM's NULL reaches the application, over UDP too");
        assertEquals("program 100024 version 1 ready and waiting",
                run(rpcinfo, "-u", AdapterHarness.LOOPBACK, "100024", "1").output().strip());
    }

    @Test
    void rpcinfoOverUdpIsToldNfsIsNotRegisteredThere() throws Exception {
        Result result = run(rpcinfo, "-u", AdapterHarness.LOOPBACK, "100003", "3");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Program not registered"), result.output());
    }

    @Test
    void showmountListsTheExportsAndTheMounts() throws Exception {
        Optional<String> showmount = tool("showmount");
        Assumptions.assumeTrue(showmount.isPresent(), "showmount is not installed (Debian package nfs-common)");
        Result exports = run(showmount.get(), "-e", AdapterHarness.LOOPBACK);
        assertEquals(List.of("Export list for 127.0.0.1:", "/data (everyone)", "/home 10.0.0.0/8,builder"),
                exports.output().lines().map(String::stripTrailing).toList());

        RpcSocketClient.Reply mnt = RpcSocketClient.overTcp(nfsPort, 1, MountProgram.PROGRAM, 3, MountProgram.PROC_MNT,
                out -> out.writeString("/data"));
        assertEquals(AcceptStat.SUCCESS, mnt.header().acceptStat());
        Result mounts = run(showmount.get(), "-a", AdapterHarness.LOOPBACK);
        assertEquals(List.of("All mount points on 127.0.0.1:", "127.0.0.1:/data"), mounts.output().lines().toList());
    }

    /** Debian installs both tools to /usr/sbin, which is not on every PATH. */
    private static Optional<String> tool(String name) {
        return List.of("/usr/sbin/", "/sbin/", "/usr/bin/").stream().map(dir -> dir + name)
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
