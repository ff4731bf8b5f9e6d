package io.cistern.it;

import static io.cistern.it.NlmTestClient.Stat.DENIED;
import static io.cistern.it.NlmTestClient.Stat.DENIED_GRACE_PERIOD;
import static io.cistern.it.NlmTestClient.Stat.GRANTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.NlmTestClient.Stat;
import io.cistern.it.NlmTestClient.TestReply;
import java.util.concurrent.TimeUnit;

/**
 * What a restarted server owes the clients that held locks before it stopped (NLM's grace period): it knows nothing of
 * those locks, so while the period lasts it serves only reclaims; a new lock, blocking or not, and a TEST are refused
 * DENIED_GRACE_PERIOD, and a refused blocking lock is not queued either. Checked on a server that has just started
 * (the restart in {@link LauncherLifecycleIT}), since the period runs from the start; {@link NlmLockingIT} covers
 * the rest of NLM on the shared server, which runs without one.
 */
final class NlmGracePeriodCheck {
    private static final int UID = 1000;
    private static final int GID = 1000;

    private NlmGracePeriodCheck() {
    }

    /** Settings for a server to check: a grace period of {@code seconds}, and B's lock manager on {@code host}. */
    static java.util.Map<String, String> settings(ClientHost host, int seconds) {
        return java.util.Map.of("CISTERN_NLM_GRACE_SECONDS", Integer.toString(seconds),
                "CISTERN_NLM_CLIENT_PORTMAPPER_PORT", Integer.toString(host.portmapperPort()));
    }

    /** Runs the check against {@code cistern}, started with {@link #settings} less than a few seconds ago. */
    static void assertReclaimsOnlyDuringGracePeriod(CisternProcess cistern, ClientHost host, int graceSeconds)
            throws Exception {
        assertTrue(host.registerLockManager(), "the client host's portmapper takes the lock manager's registration");
        try (Nfs3WireClient nfs = new Nfs3WireClient(cistern.nfsPort(), UID, GID);
             NlmTestClient a = new NlmTestClient(cistern.nfsPort(), "client-a", 101, UID, GID);
             NlmTestClient b = new NlmTestClient(cistern.nfsPort(), "client-b", 202, UID, GID);
             NlmTestClient c = new NlmTestClient(cistern.nfsPort(), "client-c", 303, UID, GID)) {
            byte[] root = nfs.mount("/data");
            byte[] file = nfs.create(root, "nlm-grace-period", 0644);
            nfs.write(file, 0, new byte[200]);
            long graceEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);

            assertEquals(DENIED_GRACE_PERIOD, a.lock(file, true, false, 0, 100), "a new lock waits for the reclaims");
            assertEquals(DENIED_GRACE_PERIOD, b.lock(file, true, true, 50, 100), "a blocking one too");
            assertEquals(DENIED_GRACE_PERIOD, b.test(file, true, 50, 100).status(), "TEST: what is reclaimed is unknown");
            assertEquals(GRANTED, a.lock(file, true, false, true, 0, 100), "a reclaim is served");
            assertTrue(System.nanoTime() < graceEnds, "the checks above ran inside the grace period");

            awaitEndOfGracePeriod(c, file, graceSeconds);
            TestReply blockedByReclaim = b.test(file, true, 50, 100);
            assertEquals(DENIED, blockedByReclaim.status(), "the reclaimed lock holds once the period is over");
            assertEquals(101, blockedByReclaim.holder().svid(), "and it is A's");
            assertEquals(GRANTED, a.unlock(file, 0, 100));
            assertNull(host.nextCallback(2, TimeUnit.SECONDS), "B's blocking LOCK in the grace period was not queued");
            assertEquals(GRANTED, c.lock(file, true, false, 0, 0), "the whole file is free");
            assertEquals(GRANTED, c.unlock(file, 0, 0));
        }
    }

    /** Polls with TEST of a byte nobody locks until the server stops answering DENIED_GRACE_PERIOD. */
    static void awaitEndOfGracePeriod(NlmTestClient client, byte[] file, int graceSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds + 30);
        Stat status;
        while ((status = client.test(file, false, 1L << 40, 1).status()) == DENIED_GRACE_PERIOD) {
            assertTrue(System.nanoTime() < deadline, "the NLM grace period did not end");
            Thread.sleep(250);
        }
        assertEquals(GRANTED, status, "a TEST of a byte nobody locked");
    }
}
