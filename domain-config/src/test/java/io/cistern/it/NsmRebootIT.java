package io.cistern.it;

import static io.cistern.it.NlmTestClient.Stat.DENIED_GRACE_PERIOD;
import static io.cistern.it.NlmTestClient.Stat.GRANTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.ClientHost.Notice;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Cistern owes the NFS clients that held locks when it stopped, whether it was stopped (SIGTERM) or killed
 * (SIGKILL): at its next start it tells each of them, through the status monitor on the client's host (NSM SM_NOTIFY,
 * found through that host's portmapper), under its own name and a state number larger than before and odd, so that
 * the client reclaims its locks during the grace period, which Cistern then grants while it refuses new ones.
 * <p>
 * The client host is {@link ClientHost}, with a status monitor that records the notices. Three starts on one data
 * directory and the same ports: the first without a grace period, where client A takes a lock; the second after a
 * SIGTERM, where A is told and reclaims; the third after a SIGKILL of the second, where A (who reclaimed) and B (who
 * asked for a lock in the grace period) are told. Each start costs most of a minute, so there is no fourth.
 */
class NsmRebootIT {
    private static final int UID = 1000;
    private static final int GID = 1000;
    /** Never waited out: the checks run at its start, and the server is stopped or killed long before it ends. */
    private static final int GRACE_SECONDS = 120;
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    /** The notices leave once the NFS listener is up; far less than this on any machine. */
    private static final long NOTICE_WAIT_SECONDS = 60;
    /** After the first notice, how long the test waits for any it did not expect. */
    private static final long MORE_NOTICES_SECONDS = 3;

    @TempDir
    Path scratch;

    @Test
    void clientsThatHeldLocksAreToldOfEveryRestartAndReclaimInTheGracePeriod() throws Exception {
        Path data = scratch.resolve("data");
        try (ClientHost host = new ClientHost()) {
            assertTrue(host.registerLockManager(), "the client host's portmapper takes the lock manager");
            assertTrue(host.registerStatusMonitor(), "and the status monitor");
            Map<String, String> ports = ports(host);

            byte[] file;
            int firstState;
            try (CisternProcess first = CisternProcess.configure(data, settings(ports, 0)).startAndAwaitReady()) {
                try (Nfs3WireClient nfs = new Nfs3WireClient(first.nfsPort(), UID, GID);
                     NlmTestClient a = client(first, "client-a", 101)) {
                    file = nfs.create(nfs.mount("/data"), "nsm-reboot", 0644);
                    nfs.write(file, 0, new byte[200]);
                    assertEquals(GRANTED, a.lock(file, true, false, 0, 100), "A holds a lock when the server stops");
                    firstState = a.smStat("client-a");
                }
                assertNull(host.nextNotice(1, TimeUnit.SECONDS), "a first start has nobody to tell");
                assertEquals(0, first.stop(STOP_TIMEOUT), "SIGTERM is a clean stop");
            }

            int secondState;
            try (CisternProcess second = CisternProcess.configure(data, settings(ports, GRACE_SECONDS))
                    .startAndAwaitReady()) {
                secondState = assertToldOfRestart(host, second, firstState, 1);
                assertReclaimServedAndNewLockRefused(second, file);
                assertTrue(serverLog(data).contains("NSM: told client-a at 127.0.0.1 that this server restarted"),
                        "the server says whom it told");
                CisternCrash.killAll(CisternCrash.processesOf(second), STOP_TIMEOUT);
                CisternCrash.awaitPortsFree(List.of(second.nfsPort(), second.smbPort(), second.httpPort()),
                        STOP_TIMEOUT);
            }

            try (CisternProcess third = CisternProcess.configure(data, settings(ports, GRACE_SECONDS))
                    .startAndAwaitReady()) {
                assertToldOfRestart(host, third, secondState, 2);
                assertReclaimServedAndNewLockRefused(third, file);
            }
        }
    }

    /** The same ports for every start, as an administrator's configuration has them, and the client host's portmapper. */
    private static Map<String, String> ports(ClientHost host) {
        return Map.of("CISTERN_NFS_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_SMB_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_HTTP_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_NLM_CLIENT_PORTMAPPER_PORT", Integer.toString(host.portmapperPort()));
    }

    private static Map<String, String> settings(Map<String, String> ports, int graceSeconds) {
        Map<String, String> settings = new HashMap<>(ports);
        settings.put("CISTERN_NLM_GRACE_SECONDS", Integer.toString(graceSeconds));
        return settings;
    }

    private static NlmTestClient client(CisternProcess cistern, String name, int svid) throws Exception {
        return new NlmTestClient(cistern.nfsPort(), name, svid, UID, GID);
    }

    /**
     * The notices of this start: {@code hosts} of them (one per client host the server knew), each under the server's
     * host name (and again under its first label when that name is qualified, as sm-notify sends it), all with the
     * state number the server now reports, which is odd and larger than {@code before}. Returns that number.
     */
    private static int assertToldOfRestart(ClientHost host, CisternProcess cistern, int before, int hosts)
            throws Exception {
        Notice firstNotice = host.nextNotice(NOTICE_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(firstNotice, "the client host's status monitor was told of the restart; server log:\n"
                + cistern.serverLogTail());
        List<Notice> notices = new ArrayList<>(List.of(firstNotice));
        Notice more;
        while ((more = host.nextNotice(MORE_NOTICES_SECONDS, TimeUnit.SECONDS)) != null) {
            notices.add(more);
        }
        String name = InetAddress.getLocalHost().getHostName();
        List<String> names = name.indexOf('.') > 0 ? List.of(name, name.substring(0, name.indexOf('.'))) : List.of(name);
        int state;
        try (NlmTestClient anyone = client(cistern, "client-c", 303)) {
            state = anyone.smStat("client-c");
        }
        assertEquals(hosts * names.size(), notices.size(), "one notice per host and name: " + notices);
        for (Notice notice : notices) {
            assertTrue(names.contains(notice.monName()), "the server's name, not " + notice.monName());
            assertEquals(state, notice.state(), "the state number the server reports");
        }
        assertTrue(state > before, "larger than before the restart: " + before + " then " + state);
        assertEquals(1, state & 1, "odd: the server is up");
        return state;
    }

    /** A, told of the restart, reclaims its lock and gets it; B's new lock on the same bytes waits for the reclaims. */
    private static void assertReclaimServedAndNewLockRefused(CisternProcess cistern, byte[] file) throws Exception {
        try (NlmTestClient a = client(cistern, "client-a", 101);
             NlmTestClient b = client(cistern, "client-b", 202)) {
            assertEquals(GRANTED, a.lock(file, true, false, true, 0, 100), "A's reclaim in the grace period");
            assertEquals(DENIED_GRACE_PERIOD, b.lock(file, true, false, 50, 100), "B's new lock waits for reclaims");
        }
    }

    private static String serverLog(Path data) throws Exception {
        return Files.readString(data.resolve("logs/server.log"), StandardCharsets.ISO_8859_1);
    }
}
