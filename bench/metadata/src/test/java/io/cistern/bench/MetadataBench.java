package io.cistern.bench;

import io.cistern.core.fs.Caller;
import io.cistern.core.it.CoreArchive;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.metadata.MetadataService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operations per second of MetadataService, called in-process inside Payara Micro (as the adapters' MDBs
 * call it) on the embedded PostgreSQL 18 with fsync on. Not a test: it asserts nothing about speed and
 * writes its table to $CISTERN_BENCH_REPORT; bench/metadata/run.sh runs it and prints the table.
 */
@ExtendWith(ArquillianExtension.class)
class MetadataBench {
    private static final Caller USER = new Caller(1001, 1001, java.util.Set.of());
    private static final int FILES = 1000;

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("metadata-bench.war").addClasses(Workload.class, Result.class);
    }

    @EJB
    private MetadataService fs;

    @Resource
    private ManagedExecutorService executor;

    /** One kind of operation: called over and over by each thread with its own counter. */
    @FunctionalInterface
    interface Workload {
        void run(int thread, long iteration);
    }

    @Test
    void report() throws Exception {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("CISTERN_BENCH_SECONDS", "5"));
        FileHandle root = fs.root("data");
        FileHandle dir = fs.mkdir(USER, root, bytes("bench-" + System.nanoTime()), 0755).node().handle();
        List<FileHandle> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(fs.create(USER, dir, bytes("f" + i), 0644, CreateMode.GUARDED, 0).node().handle());
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %14s%n", "operation", "threads", "ops/s"));
        // warm-up: JIT, connection pool, caches
        measure(2, 2, null, (t, i) -> fs.getattr(files.get(ThreadLocalRandom.current().nextInt(FILES))));
        measure(2, 2, null, (t, i) -> fs.lookup(USER, dir, bytes("f" + ThreadLocalRandom.current().nextInt(FILES))));
        // each thread creates, renames and removes in a directory of its own, as separate clients would
        List<FileHandle> own = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            own.add(fs.mkdir(USER, dir, bytes("d" + t), 0755).node().handle());
        }
        for (int threads : new int[] {1, 2, 4}) {
            table.append(line("getattr (hot)", threads, measure(threads, seconds, null,
                    (t, i) -> fs.getattr(files.get(ThreadLocalRandom.current().nextInt(FILES))))));
            table.append(line("lookup (hot)", threads, measure(threads, seconds, null,
                    (t, i) -> fs.lookup(USER, dir, bytes("f" + ThreadLocalRandom.current().nextInt(FILES))))));
            String tag = "t" + threads + "-";
            Result created = measure(threads, seconds, null,
                    (t, i) -> fs.create(USER, own.get(t), bytes(tag + i), 0644, CreateMode.GUARDED, 0));
            Result renamed = measure(threads, seconds, created.iterations(),
                    (t, i) -> fs.rename(USER, own.get(t), bytes(tag + i), own.get(t), bytes("r" + tag + i)));
            Result removed = measure(threads, seconds, renamed.iterations(),
                    (t, i) -> fs.remove(USER, own.get(t), bytes("r" + tag + i)));
            table.append(line("create", threads, created)).append(line("rename", threads, renamed))
                    .append(line("remove", threads, removed));
        }
        Files.writeString(Path.of(System.getenv("CISTERN_BENCH_REPORT")), table.toString());
    }

    /**
     * @param opsPerSecond what was measured
     * @param iterations   how far each thread got, so that the next workload can walk the same names
     */
    record Result(double opsPerSecond, long[] iterations) {
    }

    /**
     * Runs the workload on {@code threads} threads for at most {@code seconds}; with {@code limits}, thread t
     * stops after limits[t] iterations (rename and remove walk the names create made, and stop where it
     * stopped).
     */
    private Result measure(int threads, int seconds, long[] limits, Workload workload) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Future<Long>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(executor.submit(() -> {
                long i = 0;
                while (!stop.get() && (limits == null || i < limits[thread])) {
                    workload.run(thread, i++);
                    done.incrementAndGet();
                }
                return i;
            }));
        }
        long deadline = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && !running.stream().allMatch(Future::isDone)) {
            Thread.sleep(10);
        }
        stop.set(true);
        long[] reached = new long[threads];
        for (int t = 0; t < threads; t++) {
            reached[t] = running.get(t).get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(done.get() / elapsed, reached);
    }

    private static String line(String operation, int threads, Result result) {
        return String.format(Locale.ROOT, "%-16s %8d %14.0f%n", operation, threads, result.opsPerSecond());
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
