package io.cistern.it;

import static io.cistern.it.DatabaseRestartIT.CALL_BOUND;
import static io.cistern.it.DatabaseRestartIT.CLEAN_ERRORS;
import static io.cistern.it.Nfs3TestClient.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.Nfs3TestClient.CommitReply;
import io.cistern.it.Nfs3TestClient.HandleReply;
import io.cistern.it.Nfs3TestClient.WriteReply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A client at work throughout a database restart, on two connections of its own opened before it: each round
 * creates a file, writes and commits it, asks its attributes, lists the directory, renames the file, and creates and
 * removes another. It records every answer and stops at the first broken connection. Closing it closes its
 * connections.
 */
final class RestartProber implements AutoCloseable {
    /** One call: which, the nfsstat3 it got, when it started and how long it took. */
    private record Answer(String call, int status, long startNanos, long millis) {
    }

    /** One round: when it started and ended, and whether every call in it succeeded. */
    private record Round(long startNanos, long endNanos, boolean ok) {
    }

    /** A file the prober had acknowledged (WRITE UNSTABLE, then COMMIT with the same verifier). */
    private record ProbeFile(String created, String renamedTo, int renameStatus, byte[] content) {
    }

    private final Nfs3TestClient data;
    private final Nfs3WireClient meta;
    private final byte[] directory;
    private final CisternProcess cistern;
    private final Thread thread = new Thread(this::run, "db-restart-prober");
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Round> rounds = Collections.synchronizedList(new ArrayList<>());
    private final List<ProbeFile> files = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile String currentCall;
    private volatile long currentSince;

    private RestartProber(Nfs3TestClient data, Nfs3WireClient meta, byte[] directory, CisternProcess cistern) {
        this.data = data;
        this.meta = meta;
        this.directory = directory;
        this.cistern = cistern;
        thread.setDaemon(true);
    }

    /** A prober at work in {@code directory} on the two connections, which it closes when closed. */
    static RestartProber start(Nfs3TestClient data, Nfs3WireClient meta, byte[] directory, CisternProcess cistern) {
        RestartProber prober = new RestartProber(data, meta, directory, cistern);
        prober.thread.start();
        return prober;
    }

    private void run() {
        try {
            for (int round = 0; !stopping; round++) {
                long start = System.nanoTime();
                boolean ok = round(round);
                rounds.add(new Round(start, System.nanoTime(), ok));
                TimeUnit.MILLISECONDS.sleep(ok ? 10 : 50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
        }
    }

    private boolean round(int round) throws IOException {
        String created = "p-" + round;
        String renamedTo = "q-" + round;
        byte[][] handle = new byte[1][];
        boolean ok = call("CREATE", () -> {
            HandleReply reply = data.createGuarded(directory, created);
            handle[0] = reply.handle();
            return reply.status();
        }) == OK;
        if (ok) {
            byte[] content = CommittedFile.data(1_000_000L + round, 48 * 1024 + round);
            WriteReply[] written = new WriteReply[1];
            CommitReply[] committed = new CommitReply[1];
            ok = call("WRITE", () -> (written[0] = data.write(handle[0], 0, content, 0, content.length,
                    Nfs3TestClient.UNSTABLE)).status()) == OK && written[0].count() == content.length;
            ok = ok && call("COMMIT", () -> (committed[0] = data.commit(handle[0])).status()) == OK
                    && committed[0].verifier() == written[0].verifier();
            boolean acknowledged = ok;
            ok &= call("GETATTR", () -> Nfs3StatusCalls.getattr(meta, handle[0])) == OK;
            ok &= call("READDIRPLUS", () -> Nfs3StatusCalls.readdirplusFirstPage(meta, directory)) == OK;
            int renameStatus = call("RENAME", () -> Nfs3StatusCalls.rename(meta, directory, created, renamedTo));
            ok &= renameStatus == OK;
            if (acknowledged) {
                files.add(new ProbeFile(created, renamedTo, renameStatus, content));
            }
        }
        String scratch = "r-" + round;
        if (call("CREATE", () -> data.createGuarded(directory, scratch).status()) == OK) {
            ok &= call("REMOVE", () -> Nfs3StatusCalls.remove(meta, directory, scratch)) == OK;
        } else {
            ok = false;
        }
        return ok;
    }

    private int call(String name, Callable<Integer> call) throws IOException {
        long start = System.nanoTime();
        currentSince = start;
        currentCall = name;
        int status;
        try {
            status = call.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        currentCall = null;
        answers.add(new Answer(name, status, start, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        return status;
    }

    /** Waits for {@code count} rounds in a row that started after {@code after} and all succeeded. */
    void awaitOkRounds(long after, int count, Duration timeout, String when) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (okRoundsInARow(after) < count) {
            assertWorking();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the working client got no " + count + " good rounds in a row " + when
                        + " within " + timeout + "; its answers: " + summaryBetween(after, Long.MAX_VALUE)
                        + "\n--- server.log tail ---\n" + cistern.serverLogTail());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private int okRoundsInARow(long after) {
        int inARow = 0;
        synchronized (rounds) {
            for (Round round : rounds) {
                if (round.startNanos() - after > 0) {
                    inARow = round.ok() ? inARow + 1 : 0;
                }
            }
        }
        return inARow;
    }

    /** When the first good round that started after {@code after} ended; {@code after} when none did. */
    long firstOkRoundAfter(long after) {
        synchronized (rounds) {
            return rounds.stream().filter(r -> r.startNanos() - after > 0 && r.ok()).mapToLong(Round::endNanos)
                    .findFirst().orElse(after);
        }
    }

    /** Fails when the client's connection broke, or a call has been waiting longer than the bound. */
    private void assertWorking() {
        if (failure != null) {
            throw new AssertionError("the working client's connection failed: " + failure, failure);
        }
        String call = currentCall;
        long waiting = System.nanoTime() - currentSince;
        if (call != null && waiting > CALL_BOUND.toNanos()) {
            throw new AssertionError("the working client's " + call + " has had no answer for "
                    + TimeUnit.NANOSECONDS.toSeconds(waiting) + " s\n--- server.log tail ---\n"
                    + cistern.serverLogTail());
        }
    }

    /** Lets the round under way end; fails when it does not within the bound, or the connection broke. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(CALL_BOUND.toMillis());
        assertWorking();
        assertFalse(thread.isAlive(), "the working client ended its round");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopping = true;
        try {
            data.close();
        } finally {
            meta.close();
        }
        thread.join(5_000);
    }

    /** Every call was answered within the bound, and either done or refused with a clean error. */
    void assertAnsweredCleanlyAndInTime() {
        List<Answer> all = List.copyOf(answers);
        long slowest = all.stream().mapToLong(Answer::millis).max().orElse(0);
        assertTrue(slowest < CALL_BOUND.toMillis(), "slowest answer " + slowest + " ms: " + summary());
        List<Answer> unclean = all.stream().filter(a -> a.status() != OK && !CLEAN_ERRORS.contains(a.status()))
                .toList();
        assertTrue(unclean.isEmpty(), "answers other than OK or a clean error " + CLEAN_ERRORS + ": " + unclean);
    }

    /** Calls under way at some moment between the two times (started before the end, answered after the start). */
    int callsDuring(long from, long to) {
        return (int) List.copyOf(answers).stream().filter(a -> to - a.startNanos() >= 0
                && a.startNanos() + TimeUnit.MILLISECONDS.toNanos(a.millis() + 1) - from >= 0).count();
    }

    String summary() {
        return summaryBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Per call: how many of each status, and the slowest, for calls started in the span. */
    String summaryBetween(long from, long to) {
        Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        Map<String, Long> slowest = new TreeMap<>();
        for (Answer answer : List.copyOf(answers)) {
            if ((from == Long.MIN_VALUE || answer.startNanos() - from >= 0)
                    && (to == Long.MAX_VALUE || to - answer.startNanos() >= 0)) {
                counts.computeIfAbsent(answer.call(), c -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
                slowest.merge(answer.call(), answer.millis(), Math::max);
            }
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " (slowest "
                + slowest.get(e.getKey()) + " ms)").collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Each file it acknowledged is there under one name with its bytes: the new name when the RENAME was
     * answered OK; otherwise the RENAME may or may not have been done, and exactly one of the two names is. Those
     * files join the acknowledged ones.
     */
    void verifyItsFiles(Nfs3TestClient client, AcknowledgedFiles acknowledged) throws IOException {
        for (ProbeFile file : List.copyOf(files)) {
            String name = acknowledged.exactlyOneOf(client, file.created(), file.renamedTo());
            if (file.renameStatus() == OK) {
                assertEquals(file.renamedTo(), name, "the RENAME that was answered OK holds");
            }
            acknowledged.put(name, file.content());
        }
        assertFalse(files.isEmpty(), "the working client had files acknowledged");
    }
}
