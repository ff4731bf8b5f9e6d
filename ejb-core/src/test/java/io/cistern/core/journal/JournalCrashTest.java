package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is appending and syncing with SIGKILL at a random moment, 20 times over the same
 * journal, and checks after each kill that every record the process had been told was durable is there,
 * intact, and that the journal opens and takes appends again.
 */
class JournalCrashTest {
    static final int ITERATIONS = 20;
    static final int THREADS = 4;

    /** Kept when the test fails: the journal and the children's stderr are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        Path journalDir = work.resolve("journal");
        Random random = new Random();
        Map<Long, Long> promised = new HashMap<>();   // sequence -> id, acknowledged by a child after its sync
        long released = 0;
        int totalAcknowledged = 0;
        Set<Long> verified = new HashSet<>();
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            List<String> lines = runAndKill(journalDir, iteration * 100_000_000L, random.nextInt(300), iteration);
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields[0].equals("A")) {
                    promised.put(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
                    totalAcknowledged++;
                } else if (fields[0].equals("R")) {
                    released = Math.max(released, Long.parseLong(fields[1]));
                }
            }
            long releasedThrough = released;
            promised.keySet().removeIf(sequence -> sequence <= releasedThrough);
            checkJournal(journalDir, promised, iteration, releasedThrough);
            verified.addAll(promised.keySet());
        }
        assertTrue(totalAcknowledged > ITERATIONS * 10, "the children got some work done: " + totalAcknowledged);
        assertTrue(verified.size() > ITERATIONS * 10, "acknowledged records outlived a kill: " + verified.size());
        System.out.printf("crash test: %d kills, %d records acknowledged, %d of them checked after a kill%n",
                ITERATIONS, totalAcknowledged, verified.size());
    }

    /** Reopens the journal: all records intact and contiguous, every promised one there; appends work. */
    private static void checkJournal(Path journalDir, Map<Long, Long> promised, int iteration, long released)
            throws Exception {
        try (Journal journal = Journal.open(journalDir, CrashingAppender.SETTINGS)) {
            Map<Long, Long> found = new HashMap<>();
            long[] previous = {-1};
            journal.replay(0, record -> {
                if (previous[0] >= 0) {
                    assertEquals(previous[0] + 1, record.sequence(), "records are contiguous");
                }
                previous[0] = record.sequence();
                if (record.kind() == RecordKind.WRITE) {
                    TestRecords.assertMatches(record, CrashingAppender.MAX_PAYLOAD);
                }
                found.put(record.sequence(), record.inodeId());
            });
            for (Map.Entry<Long, Long> promise : promised.entrySet()) {
                Long id = found.get(promise.getKey());
                if (!promise.getValue().equals(id)) {
                    fail("iteration " + iteration + ": acknowledged record " + promise.getKey() + " (id "
                            + promise.getValue() + ") is " + (id == null ? "missing" : "record of id " + id)
                            + "; the journal holds " + journal.stats() + ", released through " + released
                            + "; directory " + journalDir);
                }
            }
            long sequence = journal.append(JournalEntry.truncate(-iteration, iteration));
            journal.sync(sequence);
        }
    }

    /**
     * Runs a child until a random moment after its first acknowledgement and kills it; returns the lines it
     * wrote. Its stdout goes to a file, not a pipe: {@link Process#destroyForcibly()} closes the parent's end
     * of a pipe, and lines the child wrote just before the kill (its release announcements among them) would
     * be lost, making the parent expect records that were rightly released.
     */
    private List<String> runAndKill(Path journalDir, long firstId, int killAfterMillis, int iteration)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path errors = work.resolve("child-" + iteration + ".err");
        Path output = work.resolve("child-" + iteration + ".out");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashingAppender.class.getName(), journalDir.toString(),
                Long.toString(firstId), Integer.toString(THREADS))
                .redirectError(errors.toFile())
                .redirectOutput(output.toFile())
                .start();
        try {
            awaitFirstLine(child, output, errors);
            Thread.sleep(killAfterMillis);
            assertTrue(child.isAlive(), "the child died by itself; its stderr: " + Files.readString(errors));
        } finally {
            child.destroyForcibly();   // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child outlived SIGKILL by 30 s");
        }
        return completeLines(Files.readString(output, StandardCharsets.US_ASCII));
    }

    private static void awaitFirstLine(Process child, Path output, Path errors) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(output) == 0 || !Files.readString(output, StandardCharsets.US_ASCII).contains("\n")) {
            if (!child.isAlive()) {
                fail("the child exited before acknowledging anything; its stderr: " + Files.readString(errors));
            }
            if (System.nanoTime() > deadline) {
                fail("the child acknowledged nothing within 30 s; its stderr: " + Files.readString(errors));
            }
            Thread.sleep(5);
        }
    }

    /** The lines of {@code text} that the child finished: a kill may leave only the last one cut short. */
    private static List<String> completeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }
}
