package io.cistern.core.it;

import static io.cistern.core.it.Fixture.ALICE;
import static io.cistern.core.it.Fixture.BOB;
import static io.cistern.core.it.Fixture.CAROL;
import static io.cistern.core.it.Fixture.ROOT;
import static io.cistern.core.it.Fixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Many callers at once through the EJB, on container-managed threads: a mixed stress run whose end state is
 * checked name by name, and a race of directory renames that must neither build a loop nor deadlock.
 */
final class ConcurrencyScenarios {
    static final int STRESS_THREADS = 8;
    static final int STRESS_OPERATIONS = 500;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(180);
    private static final List<Caller> CALLERS = List.of(ALICE, BOB, CAROL, ROOT);

    private final Fixture f;
    private final MetadataService fs;

    ConcurrencyScenarios(Fixture fixture) {
        this.f = fixture;
        this.fs = fixture.fs;
    }

    /**
     * 8 threads × 500 operations in two directories; then the names are exactly what each thread expects, every
     * file's nlink is its number of names, every directory's is 2 + its subdirectories, and nothing leaked.
     */
    void mixedOperationsKeepTheTreeExact() throws Exception {
        FileHandle a = f.mkdir(ROOT, f.dir, "A", 0777).handle();
        FileHandle b = f.mkdir(ROOT, f.dir, "B", 0777).handle();
        List<Callable<StressWorker>> workers = new ArrayList<>();
        for (int i = 0; i < STRESS_THREADS; i++) {
            workers.add(new StressWorker(i, CALLERS.get(i % CALLERS.size()), fs, a, b, STRESS_OPERATIONS));
        }
        List<StressWorker> done = runAll(workers);

        List<String> failures = new ArrayList<>();
        int failureCount = 0;
        for (StressWorker worker : done) {
            failures.addAll(worker.failures());
            failureCount += worker.failureCount();
        }
        if (failureCount > 0) {
            fail(failureCount + " operations failed unexpectedly, among them:\n" + String.join("\n", failures));
        }

        Map<String, Attributes> actual = new HashMap<>();
        f.entries(a).forEach((name, attributes) -> actual.put("A/" + name, attributes));
        f.entries(b).forEach((name, attributes) -> actual.put("B/" + name, attributes));
        Set<String> expected = new TreeSet<>();
        for (StressWorker worker : done) {
            expected.addAll(worker.files().keySet());
            expected.addAll(worker.directories());
        }
        Set<String> own = new TreeSet<>(actual.keySet());
        own.removeIf(key -> key.substring(2).startsWith(StressWorker.SHARED_PREFIX));
        assertEquals(expected, own, "the surviving names are exactly the ones the threads left");

        for (StressWorker worker : done) {
            Map<Integer, Long> inodeOfFile = new HashMap<>();
            worker.files().forEach((key, file) -> {
                long inode = actual.get(key).inodeId();
                Long seen = inodeOfFile.putIfAbsent(file, inode);
                assertTrue(seen == null || seen == inode, key + " is a name of the file its thread linked it to");
            });
            assertEquals(inodeOfFile.size(), Set.copyOf(inodeOfFile.values()).size(), "distinct files stay distinct");
        }
        Map<Long, Integer> names = new HashMap<>();
        actual.values().forEach(attributes -> names.merge(attributes.inodeId(), 1, Integer::sum));
        for (Map.Entry<String, Attributes> entry : actual.entrySet()) {
            Attributes attributes = entry.getValue();
            if (attributes.type() == FileType.DIRECTORY) {
                assertEquals(2, attributes.nlink(), entry.getKey() + " is an empty directory");
            } else {
                assertEquals(names.get(attributes.inodeId()), attributes.nlink(), entry.getKey() + ": nlink = names");
            }
        }
        assertEquals(2 + subdirectories(actual, "A/"), f.attrs(a).nlink(), "A: 2 + subdirectories");
        assertEquals(2 + subdirectories(actual, "B/"), f.attrs(b).nlink(), "B: 2 + subdirectories");
        assertEquals(4, f.attrs(f.dir).nlink());
        assertEquals(List.of(), f.probe.treeProblems(f.dir.inodeId()), "the rows agree");
        assertEquals(0, f.probe.orphanInodes(f.dir.shareId()), "no inode without a name");
    }

    /**
     * Directories moved into each other's subtrees from two threads: A into B/B2 and back, B into A/A2 and back.
     * Of two crossing moves one must fail with INVALID; a checker thread watches that both always reach the
     * top. Meanwhile one thread tries renames that must be refused (T into its own child U, a file and a
     * directory of U over T, its ancestor) and another tries rmdir and remove calls that lock parent, then
     * child, the opposite order to those renames' naive locking; none of this may deadlock.
     */
    void crossingDirectoryRenamesNeitherLoopNorDeadlock() throws Exception {
        FileHandle s = f.dir;
        FileHandle a = f.mkdir(ALICE, s, "A", 0777).handle();
        FileHandle a2 = f.mkdir(ALICE, a, "A2", 0777).handle();
        FileHandle b = f.mkdir(ALICE, s, "B", 0777).handle();
        FileHandle b2 = f.mkdir(ALICE, b, "B2", 0777).handle();
        f.create(ALICE, a2, "keep");
        f.create(ALICE, b2, "keep");
        FileHandle t = f.mkdir(ALICE, s, "T", 0777).handle();
        FileHandle u = f.mkdir(ALICE, t, "U", 0777).handle();
        f.create(ALICE, u, "f");
        f.mkdir(ALICE, u, "d", 0777);

        int rounds = 150;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger crossings = new AtomicInteger();
        List<Callable<List<String>>> threads = List.of(
                () -> mover(s, "A", b2, rounds, crossings),
                () -> mover(s, "B", a2, rounds, crossings),
                () -> whileRunning(running, () -> {
                    expectOneOf("T into U", () -> fs.rename(ALICE, s, bytes("T"), u, bytes("T")), FsError.INVALID);
                    expectOneOf("U/f over T", () -> fs.rename(ALICE, u, bytes("f"), s, bytes("T")), FsError.NOT_EMPTY);
                    expectOneOf("U/d over T", () -> fs.rename(ALICE, u, bytes("d"), s, bytes("T")), FsError.NOT_EMPTY);
                }),
                () -> whileRunning(running, () -> {
                    expectOneOf("rmdir T/U", () -> fs.rmdir(ALICE, t, bytes("U")), FsError.NOT_EMPTY);
                    expectOneOf("rmdir A/A2", () -> fs.rmdir(ALICE, a, bytes("A2")), FsError.NOT_EMPTY);
                    expectOneOf("rmdir B/B2", () -> fs.rmdir(ALICE, b, bytes("B2")), FsError.NOT_EMPTY);
                    expectOneOf("remove A2/B", () -> fs.remove(ALICE, a2, bytes("B")), FsError.NOT_FOUND, FsError.IS_DIRECTORY);
                    expectOneOf("remove B2/A", () -> fs.remove(ALICE, b2, bytes("A")), FsError.NOT_FOUND, FsError.IS_DIRECTORY);
                }),
                () -> whileRunning(running, () -> {
                    for (FileHandle moving : List.of(a, b)) {
                        if (!f.probe.reachesTop(moving.inodeId())) {
                            throw new AssertionError("a loop: directory " + moving.inodeId()
                                    + " no longer reaches the top");
                        }
                    }
                }));
        List<Future<List<String>>> started = start(threads);
        List<String> problems = new ArrayList<>();
        problems.addAll(await(started.get(0)));
        problems.addAll(await(started.get(1)));
        running.set(false);
        for (Future<List<String>> other : started.subList(2, started.size())) {
            problems.addAll(await(other));
        }
        assertEquals(List.of(), problems);
        assertTrue(crossings.get() > 0, "the two movers never met: the race did not happen");

        assertEquals(f.attrs(s), fs.parent(ALICE, a));
        assertEquals(f.attrs(s), fs.parent(ALICE, b));
        assertEquals(f.attrs(a), fs.parent(ALICE, a2));
        assertEquals(f.attrs(b), fs.parent(ALICE, b2));
        assertEquals(List.of("A", "B", "T"), f.names(s).stream().sorted().toList());
        assertEquals(List.of(), f.probe.treeProblems(s.inodeId()));
        assertTrue(f.probe.reachesTop(a2.inodeId()) && f.probe.reachesTop(b2.inodeId()));
    }

    /**
     * Moves {@code name} from {@code top} into {@code into} and back, {@code rounds} times. Going in fails with
     * INVALID while {@code into} lies inside the moved directory (the other mover put it there); coming back
     * always succeeds.
     */
    private List<String> mover(FileHandle top, String name, FileHandle into, int rounds, AtomicInteger crossings) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rounds && problems.size() < 10; i++) {
            try {
                fs.rename(ALICE, top, bytes(name), into, bytes(name));
            } catch (FsException e) {
                if (e.error() != FsError.INVALID) {
                    problems.add("moving " + name + " in: " + e);
                }
                crossings.incrementAndGet();
                continue;
            } catch (RuntimeException e) {
                problems.add("moving " + name + " in: " + StressWorker.describe(e));
                continue;
            }
            try {
                fs.rename(ALICE, into, bytes(name), top, bytes(name));
            } catch (RuntimeException e) {
                problems.add("moving " + name + " back: " + StressWorker.describe(e));
            }
        }
        return problems;
    }

    private static List<String> whileRunning(AtomicBoolean running, Runnable round) {
        List<String> problems = new ArrayList<>();
        while (running.get() && problems.size() < 10) {
            try {
                round.run();
            } catch (RuntimeException | AssertionError e) {
                problems.add(StressWorker.describe(e));
            }
        }
        return problems;
    }

    private static void expectOneOf(String what, Runnable operation, FsError... allowed) {
        try {
            operation.run();
        } catch (FsException e) {
            if (!List.of(allowed).contains(e.error())) {
                throw new AssertionError(what + ": expected one of " + List.of(allowed) + ", got " + e);
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + StressWorker.describe(e));
        }
        throw new AssertionError(what + ": expected one of " + List.of(allowed) + ", but it succeeded");
    }

    private static int subdirectories(Map<String, Attributes> entries, String prefix) {
        return (int) entries.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().type() == FileType.DIRECTORY).count();
    }

    private <T> List<T> runAll(List<? extends Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : start(tasks)) {
            results.add(await(future));
        }
        return results;
    }

    private ExecutorService pool;
    private long deadline;

    /** Starts the tasks on threads the container made (so that they may call EJBs), one thread each. */
    private <T> List<Future<T>> start(List<? extends Callable<T>> tasks) throws NamingException {
        ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        pool = Executors.newFixedThreadPool(tasks.size(), threads);
        deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        List<Future<T>> futures = new ArrayList<>();
        tasks.forEach(task -> futures.add(pool.submit(task)));
        pool.shutdown();
        return futures;
    }

    private <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String dump = threadDump();
            pool.shutdownNow();
            throw new AssertionError("the threads did not finish within " + TIME_LIMIT + ": a hang or a deadlock\n" + dump);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            String text = info.toString();
            if (text.contains("io.cistern")) {
                dump.append(text);
            }
        }
        return dump.toString();
    }
}
