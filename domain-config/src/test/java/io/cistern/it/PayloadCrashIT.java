package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an NFS COMMIT promises, tested the hard way: a client streams writes while the whole server (launcher,
 * Payara Micro, PostgreSQL) is killed with SIGKILL at a random moment, twenty times on one data directory, so that
 * the journal and the database carry over from crash to crash. After every restart each byte that a COMMIT (or a
 * stable WRITE) covered must read back, through the test's own client's LOOKUP and GETATTR and through Debian's
 * {@code nfs-cat}, with the SHA-256 the client had when the promise came. Bytes after the committed prefix were
 * never promised and are not checked.
 * <p>
 * {@code -Dcistern.crash.iterations} and {@code -Dcistern.crash.seed} shorten or repeat a run; the seed decides
 * write sizes, stability, commit spacing, which file is written and when the kill comes, but not how far the
 * server gets before it: a failure is reproduced by running again, not by the seed alone.
 */
class PayloadCrashIT {
    private static final int ITERATIONS = Integer.getInteger("cistern.crash.iterations", 20);
    private static final long SEED = Long.getLong("cistern.crash.seed", System.nanoTime());
    private static final String EXPORT = "/data";
    /** Root, which the default share squashes to 65534: it may still create files in the 01777 share root. */
    private static final int UID = 0;
    private static final int GID = 0;
    private static final long MIB = 1024 * 1024;
    /** Far below what a second of writing commits here; an iteration average under it means nothing was tested. */
    private static final long MIN_COMMITTED_PER_ITERATION = 4 * MIB;
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);
    private static final int PARALLEL_READERS = 3;
    private static final Pattern JOURNAL_OPEN =
            Pattern.compile("journal \\S+ open: (records (\\d+) to (\\d+), (\\d+) bytes in (\\d+) segments)");

    /**
     * One boot: the server, how long the launcher took to get ready, what the journal found, and where in
     * server.log this boot's lines begin.
     */
    private record Boot(CisternProcess cistern, double seconds, String journalOpen, long journalBytes, long logStart) {
    }

    /** One writer's run into one file until the kill, and how long the processes and ports took to go. */
    private record Crash(String file, boolean appended, long written, long committed, int commits, int stableWrites,
                         int jukebox, double writingSeconds, double killSeconds, String killed) {
    }

    private final Map<String, CommittedFile> files = new LinkedHashMap<>();
    private final Path dataDirectory = Path.of("target/it-payload-crash").toAbsolutePath();
    private final Random random = new Random(SEED);
    private Map<String, String> ports;
    private CisternProcess running;
    private long verifiedBytes;

    @AfterEach
    void stopWhatIsStillRunning() throws InterruptedException {
        if (running != null && running.process().isAlive()) {
            running.close();
        }
    }

    @Test
    void everyCommittedByteSurvivesSigkillOfTheWholeServer() throws Exception {
        long testStart = System.nanoTime();
        System.out.printf(Locale.ROOT, "PayloadCrashIT: %d iterations, seed %d, data %s%n", ITERATIONS, SEED, dataDirectory);
        TestDirectories.deleteRecursively(dataDirectory);
        ports = Map.of("CISTERN_NFS_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_SMB_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_HTTP_PORT", Integer.toString(CisternProcess.freePort()));
        List<Boot> boots = new ArrayList<>();
        List<Crash> crashes = new ArrayList<>();
        for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
            Boot boot = boot();
            boots.add(boot);
            String verified = verifyEverything(boot.cistern());
            Crash crash = writeUntilKilled(boot.cistern(), iteration);
            crashes.add(crash);
            System.out.printf(Locale.ROOT, "iteration %2d: boot %.1f s, %s; verified %s; wrote %s%s %.1f MiB in %.2f s,"
                            + " committed +%.1f MiB (%d COMMITs, %d stable writes, %d JUKEBOX); SIGKILL %s, gone in %.2f s%n",
                    iteration, boot.seconds(), boot.journalOpen(), verified, crash.file(), crash.appended() ? " (append)" : "",
                    mib(crash.written()), crash.writingSeconds(), mib(crash.committed()), crash.commits(),
                    crash.stableWrites(), crash.jukebox(), crash.killed(), crash.killSeconds());
            printServerProblems(boot);
        }
        Boot last = boot();
        boots.add(last);
        System.out.printf(Locale.ROOT, "final boot %.1f s, %s; verified %s%n", last.seconds(), last.journalOpen(),
                verifyEverything(last.cistern()));
        last.cistern().close();
        printServerProblems(last);
        printTotals(boots, crashes, testStart);
        assertPromisesWereTested(boots);
        TestDirectories.deleteRecursively(dataDirectory); // kept for inspection when anything above failed
    }

    private void assertPromisesWereTested(List<Boot> boots) throws IOException {
        long committed = files.values().stream().mapToLong(CommittedFile::committedLength).sum();
        assertTrue(committed >= ITERATIONS * MIN_COMMITTED_PER_ITERATION, "only " + committed
                + " committed bytes in " + ITERATIONS + " iterations: the crash test tested little");
        String serverLog = Files.readString(dataDirectory.resolve("logs/server.log"), StandardCharsets.ISO_8859_1);
        assertEquals(boots.size(), JOURNAL_OPEN.matcher(serverLog).results().count(),
                "the journal logs its open (and what it replayed) once per boot");
        assertTrue(boots.stream().skip(1).anyMatch(boot -> boot.journalBytes() > 0),
                "at least one restart replayed journal records: " + boots.stream().map(Boot::journalOpen).toList());
    }

    /** Starts the launcher on the test's data directory and ports, and reads what the journal logged on opening. */
    private Boot boot() throws IOException {
        Path serverLog = dataDirectory.resolve("logs/server.log");
        long logStart = Files.exists(serverLog) ? Files.size(serverLog) : 0;
        long start = System.nanoTime();
        running = CisternProcess.configure(dataDirectory, ports);
        try {
            running.startAndAwaitReady();
        } catch (AssertionError notReady) {
            throw new AssertionError(notReady.getMessage() + "\n--- launcher.log tail ---\n" + tail("logs/launcher.log")
                    + "\n--- postgres.log tail ---\n" + tail("logs/postgres.log"), notReady);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.output().stream()
                .filter(line -> !line.matches("(NFS|SMB|HTTP)\\s+listening on .*|Cistern ready in .*|Starting Cistern .*"))
                .forEach(line -> System.out.println("  launcher: " + line));
        Matcher journal = JOURNAL_OPEN.matcher(readFrom(serverLog, logStart));
        assertTrue(journal.find(), "the journal logged its open during this boot");
        return new Boot(running, seconds, "journal " + journal.group(1), Long.parseLong(journal.group(4)), logStart);
    }

    /**
     * Errors, and Cistern's own warnings, that the server logged during one boot's life: not failures, but a
     * recovery that complains is worth a look. Payara's usual start-up warnings (Hazelcast, SSL) are left out.
     */
    private void printServerProblems(Boot boot) throws IOException {
        List<String> problems = readFrom(dataDirectory.resolve("logs/server.log"), boot.logStart()).lines()
                .filter(line -> line.contains("[SEVERE]") || line.contains("[WARNING]") && line.contains("[io.cistern."))
                .toList();
        if (!problems.isEmpty()) {
            System.out.printf(Locale.ROOT, "  server.log: %d warnings or errors, the first: %s%n", problems.size(),
                    problems.stream().limit(3).map(line -> line.substring(0, Math.min(line.length(), 240))).toList());
        }
    }

    /**
     * Checks every promise made so far, a few files at a time (nfs-cat reads one block after another, so one
     * reader leaves the server mostly idle); collects all broken promises before failing, so that a report names
     * each lost byte range, not just the first.
     */
    private String verifyEverything(CisternProcess cistern) throws InterruptedException {
        long start = System.nanoTime();
        ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READERS);
        List<String> broken = new ArrayList<>();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (CommittedFile file : files.values()) {
                results.add(readers.submit(() -> verify(cistern.nfsPort(), file)));
            }
            for (Future<String> result : results) {
                String problem = result.get();
                if (problem != null) {
                    broken.add(problem);
                }
            }
        } catch (ExecutionException e) {
            throw new AssertionError("verifying a file failed", e.getCause());
        } finally {
            readers.shutdownNow();
        }
        if (!broken.isEmpty()) {
            throw new AssertionError("committed data lost or damaged (data directory kept: " + dataDirectory + "):\n"
                    + String.join("\n", broken));
        }
        long bytes = files.values().stream().mapToLong(CommittedFile::committedLength).sum();
        verifiedBytes += bytes;
        return String.format(Locale.ROOT, "%d files, %.1f MiB in %.1f s", files.size(), mib(bytes),
                (System.nanoTime() - start) / 1e9);
    }

    /** Null when the file keeps its promise; otherwise what is wrong, down to the byte. */
    private String verify(int nfsPort, CommittedFile file) throws IOException, InterruptedException {
        long committed = file.committedLength();
        long size;
        try (Nfs3TestClient client = new Nfs3TestClient(nfsPort, UID, GID)) {
            Nfs3TestClient.HandleReply found = client.lookup(mountExport(client), file.name);
            if (found.status() != Nfs3TestClient.OK) {
                return file.name + " (created in iteration " + file.createdInIteration + ", CREATE answered OK, "
                        + committed + " bytes committed): LOOKUP answers nfsstat3 " + found.status();
            }
            size = client.size(found.handle());
        }
        String url = NfsCat.url(nfsPort, EXPORT, file.name);
        NfsCat.Reading reading = NfsCat.readPrefix(url, committed);
        if (size >= committed && reading.bytesRead() >= committed && reading.prefixSha256().equals(file.committedSha256())) {
            return null;
        }
        return String.format(Locale.ROOT, "%s: committed %d bytes with SHA-256 %s; GETATTR size %d; nfs-cat read %d bytes,"
                        + " SHA-256 of the first %d: %s%n%s", file.name, committed, file.committedSha256(), size,
                reading.bytesRead(), committed, reading.prefixSha256(), NfsCat.run(url, file::describeMismatch));
    }

    private static byte[] mountExport(Nfs3TestClient client) throws IOException {
        Nfs3TestClient.HandleReply mounted = client.mount(EXPORT);
        assertEquals(Nfs3TestClient.OK, mounted.status(), "MNT " + EXPORT);
        return mounted.handle();
    }

    /**
     * Starts a writer into a new file or, now and then, after the committed prefix of an earlier one, and kills
     * the whole server with SIGKILL after a random 0.5 to 3 s of writing.
     */
    private Crash writeUntilKilled(CisternProcess cistern, int iteration) throws Exception {
        boolean append = !files.isEmpty() && random.nextInt(3) == 0;
        try (Nfs3TestClient client = new Nfs3TestClient(cistern.nfsPort(), UID, GID)) {
            byte[] root = mountExport(client);
            CommittedFile file = append ? new ArrayList<>(files.values()).get(random.nextInt(files.size()))
                    : new CommittedFile(String.format(Locale.ROOT, "crash-%02d.bin", iteration), iteration);
            byte[] handle = append ? lookUp(client, root, file.name) : create(client, root, file);
            long committedBefore = file.committedLength();
            AtomicBoolean killed = new AtomicBoolean();
            CommittedWriteStream stream = new CommittedWriteStream(client, handle, file, random.nextLong(), iteration,
                    killed);
            Thread writer = new Thread(stream, "crash-writer-" + iteration);
            long start = System.nanoTime();
            writer.start();
            writer.join(500 + random.nextInt(2501));
            Map<ProcessHandle, String> processes = CisternCrash.processesOf(cistern);
            killed.set(true);
            long killAt = System.nanoTime();
            String what = CisternCrash.killAll(processes, GONE_TIMEOUT);
            writer.join(TimeUnit.SECONDS.toMillis(60));
            if (stream.failure() != null) {
                throw new AssertionError("the writer failed before the kill", stream.failure());
            }
            assertFalse(writer.isAlive(), "the writer noticed the dead server");
            CisternCrash.awaitPortsFree(ports.values().stream().map(Integer::parseInt).toList(), GONE_TIMEOUT);
            return new Crash(file.name, append, stream.bytesWritten(), file.committedLength() - committedBefore,
                    stream.commits(), stream.stableWrites(), stream.jukeboxReplies(), (killAt - start) / 1e9,
                    (System.nanoTime() - killAt) / 1e9, what);
        }
    }

    private static byte[] lookUp(Nfs3TestClient client, byte[] root, String name) throws IOException {
        Nfs3TestClient.HandleReply found = client.lookup(root, name);
        assertEquals(Nfs3TestClient.OK, found.status(), "LOOKUP " + name);
        return found.handle();
    }

    /** CREATE GUARDED; once it answered, the name itself is a promise, checked after every restart. */
    private byte[] create(Nfs3TestClient client, byte[] root, CommittedFile file) throws IOException {
        Nfs3TestClient.HandleReply created = client.createGuarded(root, file.name);
        assertEquals(Nfs3TestClient.OK, created.status(), "CREATE GUARDED " + file.name);
        files.put(file.name, file);
        return created.handle();
    }

    private void printTotals(List<Boot> boots, List<Crash> crashes, long testStart) {
        long committed = files.values().stream().mapToLong(CommittedFile::committedLength).sum();
        long written = crashes.stream().mapToLong(Crash::written).sum();
        double bootSum = boots.stream().mapToDouble(Boot::seconds).sum();
        double bootMax = boots.stream().mapToDouble(Boot::seconds).max().orElse(0);
        System.out.printf(Locale.ROOT, "totals: %d crashes, %d files; written %.1f MiB, committed %.1f MiB (in the"
                        + " final files), verified %.1f MiB over %d verifications; boots %.1f s on average, %.1f s at most;"
                        + " whole test %.1f s%n", crashes.size(), files.size(), mib(written), mib(committed),
                mib(verifiedBytes), boots.size(), bootSum / boots.size(), bootMax, (System.nanoTime() - testStart) / 1e9);
    }

    private String tail(String relative) {
        Path log = dataDirectory.resolve(relative);
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static String readFrom(Path file, long offset) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static double mib(long bytes) {
        return bytes / (double) MIB;
    }
}
