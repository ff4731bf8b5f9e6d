package io.cistern.it;

import static io.cistern.it.NlmTestClient.Stat.BLOCKED;
import static io.cistern.it.NlmTestClient.Stat.DENIED;
import static io.cistern.it.NlmTestClient.Stat.DENIED_GRACE_PERIOD;
import static io.cistern.it.NlmTestClient.Stat.GRANTED;
import static io.cistern.it.NlmTestClient.Stat.STALE_FH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.ClientHost.Callback;
import io.cistern.it.NlmTestClient.Holder;
import io.cistern.it.NlmTestClient.Stat;
import io.cistern.it.NlmTestClient.TestReply;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NLM v4 against the real server: the NFS adapter's NLM program, the MDB, MetadataService's handle and permission
 * checks and the LockManager, with real files made through NFS. Three clients contend: A, B and C, each with its own
 * caller_name, oh and svid, each over its own connection. They share one host, 127.0.0.1, and so one lock manager
 * ({@link ClientHost}), which is where Cistern sends GRANTED when a blocked lock is granted: it finds it through the
 * portmapper of that host, as a lock server finds a client's lockd.
 * <p>
 * Every test has a file of its own, so that what one leaves behind cannot decide another.
 */
@ExtendWith(SharedCistern.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NlmLockingIT {
    private static final String DIRECTORY = "nlm-locking-it";
    private static final int UID = 1000;
    private static final int GID = 1000;
    private static final int SVID_A = 101;
    private static final int SVID_B = 202;
    private static final int SVID_C = 303;
    /** "Within a few seconds": the server tells B as soon as A lets go; this only bounds a failure. */
    private static final long GRANT_WAIT_SECONDS = 5;
    /** NlmCallbackTimeoutMs of the adapter (ra.xml): how long the server would retry a GRANTED before giving up. */
    private static final long CALLBACK_TIMEOUT_MS = 10_000;

    private CisternProcess cistern;
    private ClientHost host;
    private Nfs3WireClient nfs;
    private byte[] directory;
    private NlmTestClient a;
    private NlmTestClient b;
    private NlmTestClient c;
    /** This test's own file (a regular file of 200 bytes, mode 0644, owned by UID). */
    private byte[] file;

    @BeforeAll
    void connect(CisternProcess cistern, ClientHost host) throws IOException {
        this.cistern = cistern;
        this.host = host;
        assertTrue(host.registerLockManager(), "the client host's portmapper takes the lock manager's registration");
        nfs = new Nfs3WireClient(cistern.nfsPort(), UID, GID);
        byte[] root = nfs.mount("/data");
        nfs.removeTree(root, DIRECTORY);
        directory = nfs.mkdir(root, DIRECTORY, 0755);
        a = new NlmTestClient(cistern.nfsPort(), "client-a", SVID_A, UID, GID);
        b = new NlmTestClient(cistern.nfsPort(), "client-b", SVID_B, UID, GID);
        c = new NlmTestClient(cistern.nfsPort(), "client-c", SVID_C, UID, GID);
    }

    @AfterAll
    void disconnect() throws IOException {
        for (AutoCloseable client : new AutoCloseable[] {a, b, c, nfs}) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }

    @BeforeEach
    void createFile(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        file = nfs.create(directory, name, 0644);
        nfs.write(file, 0, new byte[200]);
        NlmGracePeriodCheck.awaitEndOfGracePeriod(c, file, SharedCistern.NLM_GRACE_SECONDS);
        host.forgetCallbacks();
    }

    /** A reclaim this late could take a lock another owner took and released meanwhile: refused, nothing taken. */
    @Test
    @Order(2)
    void onceTheGracePeriodIsOverAReclaimIsRefused() throws Exception {
        assertEquals(DENIED_GRACE_PERIOD, a.lock(file, true, false, true, 0, 100));
        assertEquals(GRANTED, b.test(file, true, 0, 100).status(), "the refused reclaim holds nothing");
    }

    /**
     * Issue 5's case: A holds 0-99, B waits for 50-149, and when A unlocks, B's lock manager is told GRANTED for
     * exactly B's lock; B then holds it (the server keeps it: it neither repeats the GRANTED nor releases the lock
     * once B accepted), until B unlocks.
     */
    @Test
    @Order(3)
    void aBlockedLockIsGrantedThroughTheClientsLockManagerWhenTheHolderUnlocks() throws Exception {
        assertEquals(GRANTED, a.lock(file, true, false, 0, 100));
        assertHolder(b.test(file, true, 50, 100), true, SVID_A, 0, 100);
        assertEquals(BLOCKED, b.lock(file, true, true, 50, 100));
        assertNull(host.nextCallback(500, TimeUnit.MILLISECONDS), "nothing is granted while A holds the bytes");
        assertEquals(BLOCKED, b.lock(file, true, true, 50, 100), "asked again while waiting, as Linux does every 30 s");

        assertEquals(GRANTED, a.unlock(file, 0, 100));
        assertGrantedTo(b, 50, 100);

        assertHolder(a.test(file, true, 0, 100), true, SVID_B, 50, 100);
        assertNull(host.nextCallback(CALLBACK_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS), "B accepted: told once");
        assertHolder(a.test(file, true, 0, 100), true, SVID_B, 50, 100);
        assertEquals(DENIED, c.lock(file, false, false, 149, 1), "B's lock still covers its last byte");
        assertEquals(GRANTED, c.lock(file, false, false, 150, 10), "but not the next");

        assertEquals(GRANTED, b.unlock(file, 50, 100));
        assertEquals(GRANTED, a.test(file, true, 0, 100).status());
        assertEquals(GRANTED, c.unlock(file, 150, 10));
    }

    /**
     * A waits for B and B would wait for A: the second request is DEADLCK instead of BLOCKED, and A's wait goes on
     * and ends in a GRANTED when B lets go.
     */
    @Test
    @Order(4)
    void aRequestThatWouldCloseACycleOfWaitersIsRefusedAsDeadlock() throws Exception {
        assertEquals(GRANTED, a.lock(file, true, false, 0, 100));
        assertEquals(GRANTED, b.lock(file, true, false, 100, 100));
        assertEquals(BLOCKED, a.lock(file, true, true, 150, 10));
        assertEquals(Stat.DEADLCK, b.lock(file, true, true, 50, 10));
        assertNull(host.nextCallback(500, TimeUnit.MILLISECONDS), "nothing is granted while B holds its bytes");

        assertEquals(GRANTED, b.unlock(file, 100, 100));
        assertGrantedTo(a, 150, 10);
        assertHolder(c.test(file, true, 0, 0), true, SVID_A, 0, 100);
        assertEquals(GRANTED, a.unlock(file, 0, 0));
        assertEquals(GRANTED, c.test(file, true, 0, 0).status(), "A's unlock of everything took both of its locks");
    }

    /** A request withdrawn with CANCEL is never granted, and leaves the bytes to whoever asks next. */
    @Test
    @Order(5)
    void aCancelledRequestIsNeverGranted() throws Exception {
        assertEquals(GRANTED, a.lock(file, true, false, 0, 100));
        assertEquals(BLOCKED, b.lock(file, true, true, 50, 100));
        assertEquals(GRANTED, b.cancel(file, true, 50, 100));

        assertEquals(GRANTED, a.unlock(file, 0, 100));
        Callback unexpected = host.nextCallback(4, TimeUnit.SECONDS);
        assertNull(unexpected, () -> "GRANTED after CANCEL: " + unexpected.lock());
        assertEquals(GRANTED, c.lock(file, true, false, 50, 100), "B holds nothing: a third owner gets the bytes");
        assertHolder(b.test(file, true, 50, 100), true, SVID_C, 50, 100);
        assertEquals(GRANTED, c.unlock(file, 50, 100));
    }

    /**
     * Without the block flag a conflict is DENIED at once and nothing is queued; shared locks coexist, and exclude
     * an exclusive one until the last of them goes.
     */
    @Test
    @Order(6)
    void nonBlockingRequestsAreDeniedAndSharedLocksCoexist() throws Exception {
        assertEquals(GRANTED, a.lock(file, true, false, 0, 100));
        assertEquals(DENIED, b.lock(file, true, false, 50, 100));
        assertEquals(DENIED, b.lock(file, false, false, 0, 100), "an exclusive lock excludes a shared one too");
        assertEquals(GRANTED, b.lock(file, true, false, 100, 50), "bytes that only touch A's do not conflict");
        assertEquals(GRANTED, a.unlock(file, 0, 100));
        assertNull(host.nextCallback(2, TimeUnit.SECONDS), "a denied non-blocking request was not queued");
        assertEquals(GRANTED, b.unlock(file, 100, 50));

        assertEquals(GRANTED, a.lock(file, false, false, 0, 100));
        assertEquals(GRANTED, b.lock(file, false, false, 0, 100), "shared locks of two owners on the same bytes");
        assertEquals(DENIED, c.lock(file, true, false, 0, 100));
        assertEquals(DENIED, c.lock(file, true, false, 99, 1));
        TestReply sharedHolders = c.test(file, true, 50, 10);
        assertEquals(DENIED, sharedHolders.status());
        assertFalse(sharedHolders.holder().exclusive(), "a shared lock is in the way");
        assertTrue(sharedHolders.holder().svid() == SVID_A || sharedHolders.holder().svid() == SVID_B,
                "one of the two: " + sharedHolders.holder());
        assertEquals(GRANTED, c.test(file, false, 0, 100).status(), "a third shared lock would be granted");

        assertEquals(GRANTED, a.unlock(file, 0, 100));
        assertHolder(c.test(file, true, 0, 100), false, SVID_B, 0, 100);
        assertEquals(DENIED, c.lock(file, true, false, 0, 100), "B's shared lock is still there");
        assertEquals(GRANTED, b.unlock(file, 0, 100));
        assertEquals(GRANTED, c.lock(file, true, false, 0, 100));
        assertEquals(GRANTED, c.unlock(file, 0, 100));
    }

    /**
     * A handle that names no file (forged, garbage, empty, or of a file removed since) is STALE_FH, NLM's status for
     * it, for TEST, LOCK and a blocking LOCK alike; the server goes on serving the same connection.
     */
    @Test
    @Order(7)
    void aForgedOrUnknownHandleIsStaleAndTheServerGoesOn() throws Exception {
        byte[] forged = file.clone();
        forged[forged.length - 1] ^= 0x01;                       // the handle's MAC no longer matches
        byte[] garbage = new byte[file.length];
        new java.util.Random(5).nextBytes(garbage);
        byte[] removed = nfs.create(directory, "removed", 0644);
        nfs.removeIfPresent(directory, "removed");

        for (byte[] handle : new byte[][] {forged, garbage, new byte[0], removed}) {
            assertEquals(STALE_FH, a.lock(handle, true, false, 0, 100));
            assertEquals(STALE_FH, a.test(handle, true, 0, 100).status());
            assertEquals(STALE_FH, b.lock(handle, true, true, 0, 100), "a blocking request is not queued on it");
        }

        assertEquals(GRANTED, a.lock(file, true, false, 0, 100), "the real file is still served");
        assertHolder(b.test(file, true, 0, 1), true, SVID_A, 0, 100);
        assertEquals(GRANTED, a.unlock(file, 0, 100));
        assertNull(host.nextCallback(1, TimeUnit.SECONDS), "nothing was queued on a stale handle");
    }

    /**
     * NLMPROC4_FREE_ALL (a client host without a status monitor says it restarted) drops every lock of that host, on
     * every file, and so grants what waited for them; FREE_ALL for another name drops nothing.
     */
    @Test
    @Order(8)
    void freeAllDropsTheHostsLocksAndGrantsTheWaiter() throws Exception {
        assertEquals(GRANTED, a.lock(file, true, false, 0, 100));
        assertEquals(GRANTED, a.lock(file, false, false, 200, 0));
        assertEquals(BLOCKED, b.lock(file, true, true, 50, 100));

        c.freeAll("client-x", 7);
        assertNull(host.nextCallback(1, TimeUnit.SECONDS), "another host's restart frees nothing of A's");
        assertHolder(c.test(file, true, 0, 1), true, SVID_A, 0, 100);

        a.freeAll("client-a", 8);
        assertGrantedTo(b, 50, 100);
        assertEquals(GRANTED, c.test(file, true, 200, 100).status(), "A's other lock went too");
        assertHolder(c.test(file, true, 0, 100), true, SVID_B, 50, 100);
        assertEquals(GRANTED, b.unlock(file, 50, 100));
    }

    /** SM_NOTIFY to Cistern's status monitor (a client's sm-notify after a restart) does what FREE_ALL does. */
    @Test
    @Order(9)
    void smNotifyOfARestartedHostDropsItsLocksAndGrantsTheWaiter() throws Exception {
        assertEquals(GRANTED, a.lock(file, true, false, 0, 100));
        assertEquals(BLOCKED, b.lock(file, true, true, 50, 100));

        c.smNotify("client-a", 9);
        assertGrantedTo(b, 50, 100);
        assertEquals(GRANTED, c.test(file, true, 0, 50).status(), "A's lock is gone");
        assertEquals(GRANTED, b.unlock(file, 50, 100));
    }

    /** The next callback is GRANTED of exactly {@code client}'s exclusive lock of those bytes on this test's file. */
    private void assertGrantedTo(NlmTestClient client, long offset, long length) throws InterruptedException {
        Callback grant = host.nextCallback(GRANT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(grant, "no GRANTED reached the client's lock manager within " + GRANT_WAIT_SECONDS + " s");
        assertEquals(NlmTestClient.NLMPROC4_GRANTED, grant.procedure());
        assertTrue(grant.exclusive(), "the exclusive lock asked for");
        assertTrue(client.lockOf(file, offset, length).sameAs(grant.lock()), () -> "granted " + grant.lock()
                + ", asked for " + client.lockOf(file, offset, length));
    }

    /** A DENIED TEST that names the conflicting lock (its oh is the server's to leave out, as Linux does). */
    private static void assertHolder(TestReply reply, boolean exclusive, int svid, long offset, long length) {
        assertEquals(DENIED, reply.status());
        Holder holder = reply.holder();
        assertEquals(exclusive, holder.exclusive(), "the holder's kind of lock");
        assertEquals(svid, holder.svid(), "the holder's svid");
        assertEquals(offset, holder.offset(), "the holder's first byte");
        assertEquals(length, holder.length(), "the holder's length");
    }
}
