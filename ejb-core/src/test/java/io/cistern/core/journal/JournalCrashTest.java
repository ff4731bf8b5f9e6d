package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is appending and syncing with SIGKILL at a random moment, 20 times over the same
 * journal, and checks after each kill that every record the process had been told was durable is there,
 * intact, and that the journal opens and takes appends again.
 */
class JournalCrashTest {
    static final int ITERATIONS = 20;
    static final int THREADS = 4;

    @TempDir
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
            ChildRun run = runAndKill(journalDir, iteration * 100_000_000L, random.nextInt(300), iteration);
            for (String line : run.completeLines()) {
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
            checkJournal(journalDir, promised, iteration);
            verified.addAll(promised.keySet());
        }
        assertTrue(totalAcknowledged > ITERATIONS * 10, "the children got some work done: " + totalAcknowledged);
        assertTrue(verified.size() > ITERATIONS * 10, "acknowledged records outlived a kill: " + verified.size());
        System.out.printf("crash test: %d kills, %d records acknowledged, %d of them checked after a kill%n",
                ITERATIONS, totalAcknowledged, verified.size());
    }

    /** Reopens the journal: all records intact and contiguous, every promised one there; appends work. */
    private static void checkJournal(Path journalDir, Map<Long, Long> promised, int iteration) throws Exception {
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
                            + promise.getValue() + ") is " + (id == null ? "missing" : "record of id " + id));
                }
            }
            long sequence = journal.append(JournalEntry.truncate(-iteration, iteration));
            journal.sync(sequence);
        }
    }

    private ChildRun runAndKill(Path journalDir, long firstId, int killAfterMillis, int iteration) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path errors = work.resolve("child-" + iteration + ".err");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashingAppender.class.getName(), journalDir.toString(),
                Long.toString(firstId), Integer.toString(THREADS))
                .redirectError(errors.toFile())
                .start();
        ChildRun run = new ChildRun(child.getInputStream());
        Thread reader = new Thread(run::collect, "child-output");
        reader.start();
        try {
            if (!run.firstLine.await(30, TimeUnit.SECONDS)) {
                fail("the child acknowledged nothing within 30 s; its stderr: " + Files.readString(errors));
            }
            Thread.sleep(killAfterMillis);
            assertTrue(child.isAlive(), "the child died by itself; its stderr: " + Files.readString(errors));
        } finally {
            child.destroyForcibly();   // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return run;
    }

    /** Collects the child's stdout; a line counts only once its newline is there. */
    private static final class ChildRun {
        private final InputStream output;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch firstLine = new CountDownLatch(1);

        ChildRun(InputStream output) {
            this.output = output;
        }

        void collect() {
            byte[] buffer = new byte[8192];
            try (output) {
                for (int n; (n = output.read(buffer)) > 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            firstLine.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("reading the child's output failed", e);
            }
        }

        List<String> completeLines() {
            String text;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.US_ASCII);
            }
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        }
    }
}
