package io.cistern.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures append+sync of 4 MiB records, 1 GiB in all, against {@code dd bs=4M count=256 conv=fdatasync}
 * in the same directory, runs interleaved, and prints each run and the medians (MB = 10^6 bytes, as dd).
 * Not a test: a main, run by hand.
 * <pre>
 * cd ejb-core && mvn -q -o test-compile
 * java -cp target/classes:target/test-classes io.cistern.core.journal.JournalThroughput &lt;dir&gt; [runs]
 * </pre>
 * Workloads: one writer syncing after every record (an SMB client flushing each write, the worst case);
 * four and eight writers doing so concurrently (group commit); one writer syncing once at the end (NFS
 * UNSTABLE writes and one COMMIT, which is what dd's conv=fdatasync does).
 */
public final class JournalThroughput {
    static final int RECORD_PAYLOAD = 4 << 20;
    static final int RECORDS = 256;
    static final long BYTES = (long) RECORD_PAYLOAD * RECORDS;

    private JournalThroughput() {
    }

    record Workload(String name, int writers, boolean syncEach) {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/journal-throughput").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(directory);
        List<Workload> workloads = List.of(new Workload("1 writer, sync each record", 1, true),
                new Workload("4 writers, sync each record", 4, true),
                new Workload("8 writers, sync each record", 8, true),
                new Workload("1 writer, one sync at the end", 1, false));
        ByteBuffer payload = ByteBuffer.allocateDirect(RECORD_PAYLOAD);
        byte[] random = new byte[RECORD_PAYLOAD];
        new Random(42).nextBytes(random);
        payload.put(random).flip();

        double[] dd = new double[runs];
        double[][] journal = new double[workloads.size()][runs];
        for (int run = 0; run < runs; run++) {
            // dd goes first, between, or last in turn, so that no order effect favours either side
            int ddSlot = run % (workloads.size() + 1);
            for (int slot = 0; slot <= workloads.size(); slot++) {
                settle();
                if (slot == ddSlot) {
                    dd[run] = ddMegabytesPerSecond(directory);
                    System.out.printf("run %d: dd %.0f MB/s%n", run + 1, dd[run]);
                } else {
                    int w = slot < ddSlot ? slot : slot - 1;
                    journal[w][run] = journalMegabytesPerSecond(directory.resolve("journal"), workloads.get(w), payload);
                    System.out.printf("run %d: %s %.0f MB/s%n", run + 1, workloads.get(w).name(), journal[w][run]);
                }
            }
        }
        double ddMedian = median(dd);
        System.out.printf("%nmedians over %d runs, 1 GiB in 4 MiB records, %s%n", runs, directory);
        System.out.printf("  dd bs=4M count=256 conv=fdatasync: %.0f MB/s%n", ddMedian);
        for (int w = 0; w < workloads.size(); w++) {
            double median = median(journal[w]);
            System.out.printf("  journal, %s: %.0f MB/s (%.2f x dd)%n", workloads.get(w).name(), median, median / ddMedian);
        }
    }

    private static double journalMegabytesPerSecond(Path directory, Workload workload, ByteBuffer payload)
            throws Exception {
        deleteTree(directory);
        JournalSettings settings = JournalSettings.defaults().withCapacityBytes(2L << 30);
        try (Journal journal = Journal.open(directory, settings)) {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Thread> writers = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int t = 0; t < workload.writers(); t++) {
                Thread writer = new Thread(() -> {
                    try {
                        while (next.getAndIncrement() < RECORDS) {
                            long sequence = journal.append(JournalEntry.write(1, 0, payload));
                            if (workload.syncEach()) {
                                journal.sync(sequence);
                            }
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            journal.sync();
            long elapsed = System.nanoTime() - start;
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return BYTES / (elapsed / 1e9) / 1e6;
        } finally {
            deleteTree(directory);
        }
    }

    private static double ddMegabytesPerSecond(Path directory) throws IOException, InterruptedException {
        Path target = directory.resolve("f");
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + target, "bs=4M", "count=" + RECORDS,
                "conv=fdatasync").redirectErrorStream(true).start();
        String output = new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (dd.waitFor() != 0) {
            throw new IOException("dd failed: " + output);
        }
        Files.delete(target);
        Matcher seconds = Pattern.compile("copied, ([0-9.]+) s").matcher(output);
        if (!seconds.find()) {
            throw new IOException("cannot read dd's time from: " + output);
        }
        return BYTES / Double.parseDouble(seconds.group(1)) / 1e6;
    }

    /** Writes back whatever the previous measurement (and its deletions) left, then lets the disk rest. */
    private static void settle() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        if (sync.waitFor() != 0) {
            throw new IOException("sync failed");
        }
        Thread.sleep(1000);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
