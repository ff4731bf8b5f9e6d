package io.cistern.it;

import static io.cistern.it.Nfs3TestClient.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.CisternPostgres.Postmaster;
import io.cistern.it.Nfs3TestClient.CommitReply;
import io.cistern.it.Nfs3TestClient.WriteReply;
import io.cistern.it.OutageCalls.Heard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The metadata database restarted under a running Cistern, as an administrator's restart or a failover does it:
 * PostgreSQL goes away with every session ({@code pg_ctl -m fast}) and comes back on the same port, while Payara and
 * the NFS clients' connections stay. The bar: the server keeps serving, no acknowledged byte is lost.
 * <ul>
 * <li>While the database is gone, every NFS call is answered within {@link #CALL_BOUND}, either done or with a clean
 * error (JUKEBOX, IO or SERVERFAULT: never STALE, NOENT or anything else a client would act on), and no connection is
 * closed.</li>
 * <li>Once it is back, within {@link #RECOVERY_BOUND}: create, write and commit, rename, remove and listing work on
 * the connections opened before and on new ones, the upload job drains the journal again, and every file
 * acknowledged before, during or after reads back with its SHA-256.</li>
 * <li>Payara is the same process throughout, and server.log has no SEVERE record but ones about the lost
 * database connections.</li>
 * </ul>
 * One Cistern of its own for the class (the shared one must not lose its database); the two tests run in order on
 * it: a restart under clients at work, then an outage long enough to write and commit while the database is down
 * (writes go to the journal and need only the file's cached attributes: both are acknowledged and must survive).
 * <p>
 * What Cistern answers while the database is down: whatever the attribute cache and the journal can serve (GETATTR of
 * a known file, WRITE, COMMIT) is done; everything else that needs the database is JUKEBOX within a second (the
 * client repeats it later), and MNT, which has no "try later", SERVERFAULT. Under a fast restart a call caught in it
 * may still be answered SERVERFAULT, which the prober accepts as a clean error.
 * <p>
 * Both tests begin in a steady state, the upload job having run: the batch runtime opens its job repository (in the
 * database) on its first use only, and if that falls into an outage it keeps a repository that never works again
 * (Payara's LazyBootPersistenceManager), so that no upload runs until Payara restarts. That is a server that has
 * just started and met a database outage at once, not what these tests are about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseRestartIT {
    // the bounds and the clean errors are package-private: the prober and the other helpers of this test hold to them

    /** No call may take longer, whatever the database is doing. */
    static final Duration CALL_BOUND = Duration.ofSeconds(30);
    /** From the database's return to a server that serves again. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    private static final int IO = 5;
    private static final int SERVERFAULT = 10006;
    /** What a client may hear while the database is away: it retries or reports an error, and keeps its handles. */
    static final Set<Integer> CLEAN_ERRORS = Set.of(IO, SERVERFAULT, Nfs3TestClient.JUKEBOX);

    private static final int UID = 1000;
    private static final int GID = 1000;
    private static final String EXPORT = "/data";
    private static final String DIRECTORY = "db-restart";
    /** Rounds of the working client, after the restart, that must all succeed before it counts as recovered. */
    private static final int RECOVERED_ROUNDS = 3;
    private static final int MIB = 1024 * 1024;

    /**
     * What a SEVERE record may be about: a database connection that was cut or refused, in the PostgreSQL driver's
     * words or the pool's (the batch runtime logs its failed steps and status updates as SEVERE, the pool a rollback
     * on a dead connection: since connections are checked at most every 5 s, a call may meet one the restart cut).
     */
    private static final Pattern CONNECTION_LOST = Pattern.compile("terminating connection due to administrator command"
            + "|Connection to \\S+ refused|An I/O error occurred while sending to the backend"
            + "|This Managed Connection is not valid as the physical connection is not usable"
            + "|This connection has been closed|The connection attempt failed"
            + "|the database system is (?:shutting down|starting up|not yet accepting connections)");

    private final Path dataDirectory = Path.of("target/it-database-restart").toAbsolutePath();
    private final ServerLogRecords serverLog = new ServerLogRecords(dataDirectory);
    private CisternProcess cistern;
    private CisternPostgres postgres;
    private ProcessHandle payara;
    private byte[] directory;
    /** Every file acknowledged so far (below {@link #DIRECTORY}), with the bytes it must hold. */
    private AcknowledgedFiles acknowledged;
    private BoundedCaller caller;
    private CisternHttpPolls httpPolls;
    private MetadataRound metadataRound;
    private int passed;

    @BeforeAll
    void start() throws Exception {
        TestDirectories.deleteRecursively(dataDirectory);
        cistern = CisternProcess.configure(dataDirectory, Map.of()).startAndAwaitReady();
        caller = new BoundedCaller(cistern);
        httpPolls = new CisternHttpPolls(cistern);
        List<ProcessHandle> children = cistern.process().toHandle().children().toList();
        assertEquals(1, children.size(), "the launcher runs Payara as its one child: " + children);
        payara = children.get(0);
        postgres = new CisternPostgres(dataDirectory);
        try (Nfs3WireClient client = new Nfs3WireClient(cistern.nfsPort(), UID, GID)) {
            directory = client.mkdir(client.mount(EXPORT), DIRECTORY, 0755);
        }
        acknowledged = new AcknowledgedFiles(directory, dataDirectory);
        metadataRound = new MetadataRound(directory, acknowledged, caller, cistern);
    }

    @AfterAll
    void stop() throws Exception {
        if (caller != null) {
            caller.close();
        }
        if (cistern == null) {
            return;
        }
        Optional<Postmaster> postmaster = postgres == null ? Optional.empty() : postgres.running();
        int exit = cistern.stop(Duration.ofMinutes(2));
        postmaster.ifPresent(running -> {
            try {
                running.process().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                running.process().destroy();   // ours: started by this test's pg_ctl
                throw new AssertionError("the launcher left the restarted PostgreSQL (pid " + running.pid()
                        + ") running", e);
            }
        });
        assertEquals(0, exit, "SIGTERM is a clean stop also after the database was restarted under the server");
        if (passed == 2) {
            TestDirectories.deleteRecursively(dataDirectory);   // kept for inspection when anything failed
        }
    }

    @Test
    @Order(1)
    void aFastRestartUnderWorkingClientsLosesNothingAndServingGoesOn() throws Exception {
        long logStart = serverLog.size();
        try (Nfs3TestClient data = dataClient(); Nfs3WireClient meta = metaClient()) {
            acknowledged.write(data, "before-file-sync.bin", 1_500_000, Nfs3TestClient.FILE_SYNC);
            acknowledged.write(data, "before-unstable.bin", 3 * MIB + 17, Nfs3TestClient.UNSTABLE);
            // a server in its steady state: the upload job has run (and with it the batch runtime's first use of
            // the database, which must not fall into the outage: see the class comment)
            httpPolls.awaitUploadsDrained("before the restart");
            acknowledged.write(data, "before-small.bin", 4000, Nfs3TestClient.UNSTABLE);
            acknowledged.write(data, "before-last.bin", 2 * MIB + 3, Nfs3TestClient.UNSTABLE);
            // written just now: the upload job is at work on them when the database goes

            Postmaster before = postgres.running().orElseThrow(() -> new AssertionError("no postmaster"));
            try (RestartProber prober = RestartProber.start(dataClient(), metaClient(), directory, cistern)) {
                prober.awaitOkRounds(0, 2, RECOVERY_BOUND, "before the restart");
                long restartStart = System.nanoTime();
                String pgCtl = postgres.restartFast();
                long restartEnd = System.nanoTime();
                assertRestarted(before, pgCtl, restartEnd - restartStart);

                prober.awaitOkRounds(restartEnd, RECOVERED_ROUNDS, RECOVERY_BOUND, "after the restart");
                System.out.printf(Locale.ROOT, "DatabaseRestartIT: the working client served again %.2f s after the"
                        + " restart ended%n", (prober.firstOkRoundAfter(restartEnd) - restartEnd) / 1e9);
                prober.stop();
                prober.assertAnsweredCleanlyAndInTime();
                assertTrue(prober.callsDuring(restartStart, restartEnd) > 0,
                        "the working client made calls while the database restarted");
                System.out.println("DatabaseRestartIT: the working client's answers: " + prober.summary()
                        + "; around the restart: " + prober.summaryBetween(restartStart, restartEnd + TimeUnit.SECONDS.toNanos(1)));
                prober.verifyItsFiles(data, acknowledged);
            }

            metadataRound.awaitServed(data, meta, "same-connection-1");
            try (Nfs3TestClient newData = dataClient(); Nfs3WireClient newMeta = metaClient()) {
                metadataRound.awaitServed(newData, newMeta, "new-connection-1");
            }
            assertRecovered(data, logStart);
        }
        passed++;
    }

    /** A new postmaster, the old one gone, on the port the server's pool knows. */
    private void assertRestarted(Postmaster before, String pgCtl, long restartNanos) throws InterruptedException {
        Postmaster after = postgres.running().orElseThrow(() -> new AssertionError("no postmaster after "
                + "pg_ctl restart: " + pgCtl));
        assertGone(before, "the old postmaster");
        assertNotEquals(before.pid(), after.pid(), "a new postmaster");
        assertEquals(before.port(), after.port(), "back on the port the server's pool knows");
        System.out.printf(Locale.ROOT, "DatabaseRestartIT: pg_ctl restart -m fast took %.2f s (pid %d -> %d,"
                + " port %d)%n", restartNanos / 1e9, before.pid(), after.pid(), after.port());
    }

    @Test
    @Order(2)
    void writesAcknowledgedWhileTheDatabaseIsDownSurviveItsReturn() throws Exception {
        long logStart = serverLog.size();
        try (Nfs3TestClient data = dataClient(); Nfs3WireClient meta = metaClient()) {
            byte[] outageFile = acknowledged.write(data, "outage.bin", MIB + 5, Nfs3TestClient.UNSTABLE);
            byte[] synced = acknowledged.write(data, "outage-sync.bin", 0, Nfs3TestClient.FILE_SYNC);
            acknowledged.write(data, "outage-rename-me.bin", 1000, Nfs3TestClient.FILE_SYNC);
            acknowledged.write(data, "outage-remove-me.bin", 10, Nfs3TestClient.FILE_SYNC);
            acknowledged.remove("outage-remove-me.bin");   // its fate is decided during the outage
            // nothing left for the upload job to change in the files' rows (which would drop their cached attributes),
            // and the attributes fresh in the server's cache, as a client that is writing a file has had them
            httpPolls.awaitUploadsDrained("before the outage");
            assertEquals(OK, Nfs3StatusCalls.getattr(meta, outageFile), "GETATTR before the outage");
            assertEquals(OK, Nfs3StatusCalls.getattr(meta, synced), "GETATTR before the outage");

            Postmaster before = postgres.running().orElseThrow(() -> new AssertionError("no postmaster"));
            int renamed = callEverythingWithTheDatabaseDown(data, meta, outageFile, synced, before);

            long upAt = System.nanoTime();
            Postmaster after = postgres.running().orElseThrow(() -> new AssertionError("no postmaster after start"));
            assertEquals(before.port(), after.port(), "back on the port the server's pool knows");

            metadataRound.awaitServed(data, meta, "same-connection-2");
            System.out.printf(Locale.ROOT, "DatabaseRestartIT: served again %.2f s after the database came back%n",
                    (System.nanoTime() - upAt) / 1e9);
            try (Nfs3TestClient newData = dataClient(); Nfs3WireClient newMeta = metaClient()) {
                metadataRound.awaitServed(newData, newMeta, "new-connection-2");
            }
            // a RENAME that failed may still have been done: exactly one of the names holds the file
            byte[] renameMe = acknowledged.remove("outage-rename-me.bin");
            String renamedTo = acknowledged.exactlyOneOf(data, "outage-rename-me.bin", "outage-renamed.bin");
            if (renamed == OK) {
                assertEquals("outage-renamed.bin", renamedTo, "the RENAME that was answered OK holds");
            }
            acknowledged.put(renamedTo, renameMe);
            assertRecovered(data, logStart);
        }
        passed++;
    }

    /** What the outage's writes, COMMIT and RENAME got: set on the calls' threads, read once all have answered. */
    private static final class OutageReplies {
        WriteReply unstable;
        CommitReply commit;
        WriteReply fileSync;
        int renamed;
    }

    /**
     * Stops the database and makes every kind of call at once (see {@link OutageCalls}), then the COMMIT of the
     * unstable write; starts the database again also when a check failed, since the server is stopped with it.
     * Returns what the RENAME got, whose outcome can be checked only once the database is back.
     */
    private int callEverythingWithTheDatabaseDown(Nfs3TestClient data, Nfs3WireClient meta, byte[] outageFile,
            byte[] synced, Postmaster before) throws Exception {
        long downAt = System.nanoTime();
        byte[] more = CommittedFile.data(acknowledged.nextSeed(), 512 * 1024 + 3);
        byte[] stable = CommittedFile.data(acknowledged.nextSeed(), 200_000);
        OutageReplies replies = new OutageReplies();
        try (OutageCalls calls = new OutageCalls(cistern)) {
            Nfs3WireClient forGetattr = calls.open(metaClient());
            Nfs3TestClient forLookup = calls.open(dataClient());
            Nfs3TestClient forRead = calls.open(dataClient());
            Nfs3TestClient forSync = calls.open(dataClient());
            Nfs3TestClient forCreate = calls.open(dataClient());
            Nfs3WireClient forListing = calls.open(metaClient());
            Nfs3WireClient forRename = calls.open(metaClient());
            Nfs3WireClient forRemove = calls.open(metaClient());
            postgres.stopFast();
            assertGone(before, "the postmaster");

            calls.submit("GETATTR", () -> Nfs3StatusCalls.getattr(forGetattr, outageFile));
            calls.submit("LOOKUP", () -> forLookup.lookup(directory, "outage.bin").status());
            calls.submit("READ", () -> forRead.read(outageFile, 0, 4096).status());
            calls.submit("WRITE UNSTABLE", () -> (replies.unstable = data.write(outageFile, MIB + 5, more, 0,
                    more.length, Nfs3TestClient.UNSTABLE)).status());
            calls.submit("WRITE FILE_SYNC", () -> (replies.fileSync = forSync.write(synced, 0, stable, 0,
                    stable.length, Nfs3TestClient.FILE_SYNC)).status());
            calls.submit("CREATE", () -> forCreate.createGuarded(directory, "outage-new.bin").status());
            calls.submit("READDIRPLUS", () -> Nfs3StatusCalls.readdirplusFirstPage(forListing, directory));
            calls.submit("RENAME", () -> replies.renamed = Nfs3StatusCalls.rename(forRename, directory,
                    "outage-rename-me.bin", "outage-renamed.bin"));
            calls.submit("REMOVE", () -> Nfs3StatusCalls.remove(forRemove, directory, "outage-remove-me.bin"));
            calls.submit("MNT on a new connection", () -> {
                try (Nfs3TestClient fresh = dataClient()) {
                    return fresh.mount(EXPORT).status();
                }
            });
            Map<String, Heard> answers = calls.answered();
            // on the connection that wrote: COMMIT, then the cached GETATTR again (the connection still serves)
            answers.put("COMMIT after the WRITE UNSTABLE", caller.call("COMMIT",
                    OutageCalls.timed(() -> (replies.commit = data.commit(outageFile)).status())));
            answers.put("GETATTR again", caller.call("GETATTR",
                    OutageCalls.timed(() -> Nfs3StatusCalls.getattr(meta, outageFile))));
            assertAnsweredWhileDown(answers, replies, more, stable, (System.nanoTime() - downAt) / 1e9);
            return replies.renamed;
        } finally {
            if (postgres.running().isEmpty()) {
                postgres.startAgain();
            }
        }
    }

    /**
     * Every answer done or a clean error, and both writes acknowledged: they need the journal and the file's cached
     * attributes, not the database (PayloadService). The acknowledged bytes join the files to read back.
     */
    private void assertAnsweredWhileDown(Map<String, Heard> answers, OutageReplies replies, byte[] more,
            byte[] stable, double downSeconds) {
        boolean unstableAcknowledged = replies.unstable.status() == OK && replies.unstable.count() == more.length
                && replies.commit.status() == OK && replies.commit.verifier() == replies.unstable.verifier();
        if (unstableAcknowledged) {
            acknowledged.append("outage.bin", more);
        }
        boolean stableAcknowledged = replies.fileSync.status() == OK && replies.fileSync.count() == stable.length
                && replies.fileSync.committed() == Nfs3TestClient.FILE_SYNC;
        if (stableAcknowledged) {
            acknowledged.put("outage-sync.bin", stable);
        }
        System.out.printf(Locale.ROOT, "DatabaseRestartIT: with the database down (%.1f s), Cistern answered"
                + " (nfsstat3, ms) %s; the UNSTABLE write + COMMIT was %s, the FILE_SYNC write %s%n", downSeconds,
                answers, unstableAcknowledged ? "acknowledged" : "refused",
                stableAcknowledged ? "acknowledged" : "refused");
        answers.forEach((call, heard) -> assertTrue(heard.status() == OK || CLEAN_ERRORS.contains(heard.status()),
                call + " answered nfsstat3 " + heard.status() + " while the database was down; a clean error is"
                        + " one of " + CLEAN_ERRORS + ": " + answers));
        // a change of the namespace always needs the database: the client must hear "try later" (and repeat the
        // call), not an error its application sees; a read may still be served from memory, or hear the same
        for (String call : List.of("CREATE", "RENAME", "REMOVE")) {
            assertEquals(Nfs3TestClient.JUKEBOX, answers.get(call).status(), call + " while the database was down: "
                    + answers);
        }
        for (String call : List.of("LOOKUP", "READ", "READDIRPLUS")) {
            assertTrue(Set.of(OK, Nfs3TestClient.JUKEBOX).contains(answers.get(call).status()),
                    call + " while the database was down is served or JUKEBOX: " + answers);
        }
        assertTrue(unstableAcknowledged, "a WRITE UNSTABLE and COMMIT to a file whose attributes the server"
                + " holds are acknowledged without the database: " + answers);
        assertTrue(stableAcknowledged, "so is a WRITE FILE_SYNC: " + answers);
    }

    /** pg_ctl saw its pid file go; the process itself ends (and is reaped) a moment later. */
    private static void assertGone(Postmaster postmaster, String what) throws InterruptedException {
        try {
            postmaster.process().onExit().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(what + " (pid " + postmaster.pid() + ") still runs 10 s after pg_ctl returned", e);
        }
    }

    /**
     * After the database's return: /health says the database is up, the upload queue empties, every acknowledged
     * file reads back with its SHA-256 (after the upload, so from the block store), Payara is the one process it
     * was, and server.log has no SEVERE record this test may not explain.
     */
    private void assertRecovered(Nfs3TestClient data, long logStart) throws Exception {
        httpPolls.awaitHealthy();
        httpPolls.awaitUploadsDrained("after the database came back");
        acknowledged.verify(data);
        assertTrue(payara.isAlive(), "Payara (pid " + payara.pid() + ") still runs");
        assertEquals(List.of(payara), cistern.process().toHandle().children().toList(),
                "the same Payara process, not a restarted one");
        assertNoUnexpectedSevere(logStart);
    }

    /**
     * The SEVERE records logged since {@code from}: those about a database connection that was cut or refused are
     * expected (and counted); any other fails the test.
     */
    private void assertNoUnexpectedSevere(long from) throws IOException {
        List<String> severe = new ArrayList<>();
        int warnings = 0;
        for (String record : serverLog.since(from)) {
            if (ServerLogRecords.hasLevel(record, "SEVERE")) {
                severe.add(record);
            } else if (ServerLogRecords.hasLevel(record, "WARNING")) {
                warnings++;
            }
        }
        List<String> unexpected = severe.stream().filter(record -> !CONNECTION_LOST.matcher(record).find()).toList();
        System.out.printf(Locale.ROOT, "DatabaseRestartIT: server.log has %d SEVERE records about lost database"
                + " connections and %d WARNING records since the test began%s%n", severe.size() - unexpected.size(),
                warnings, severe.isEmpty() ? "" : "; the first SEVERE: " + ServerLogRecords.firstLines(severe.get(0), 3));
        assertTrue(unexpected.isEmpty(), unexpected.size() + " SEVERE records not about a lost database connection:\n"
                + unexpected.stream().limit(5).map(record -> ServerLogRecords.firstLines(record, 25))
                        .collect(Collectors.joining("\n\n")));
    }

    private Nfs3TestClient dataClient() throws IOException {
        return new Nfs3TestClient(cistern.nfsPort(), UID, GID);
    }

    private Nfs3WireClient metaClient() throws IOException {
        return new Nfs3WireClient(cistern.nfsPort(), UID, GID);
    }
}
