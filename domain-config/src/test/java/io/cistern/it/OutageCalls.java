package io.cistern.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * NFS calls made all at once while the database is down, each on a thread and a connection of its own opened
 * before: each may take as long as the server needs to give up on the database, and a client does not wait for
 * another. Closing closes the connections.
 */
final class OutageCalls implements AutoCloseable {
    /** What a call got while the database was down: its nfsstat3, and after how long. */
    record Heard(int status, long millis) {
        @Override
        public String toString() {
            return status + " in " + millis + " ms";
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "db-restart-outage-call");
        thread.setDaemon(true);
        return thread;
    });
    private final CisternProcess cistern;
    private final List<AutoCloseable> connections = new ArrayList<>();
    private final Map<String, Future<Heard>> calls = new LinkedHashMap<>();

    OutageCalls(CisternProcess cistern) {
        this.cistern = cistern;
    }

    /** Keeps a connection, to be closed with the others. */
    <C extends AutoCloseable> C open(C connection) {
        connections.add(connection);
        return connection;
    }

    /** Starts a call that answers with an nfsstat3. */
    void submit(String name, Callable<Integer> call) {
        calls.put(name, threads.submit(timed(call)));
    }

    static Callable<Heard> timed(Callable<Integer> call) {
        return () -> {
            long start = System.nanoTime();
            int status = call.call();
            return new Heard(status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        };
    }

    /** Every call's answer, in the order they were submitted; fails for a call without one within the bound. */
    Map<String, Heard> answered() throws InterruptedException {
        long deadline = System.nanoTime() + DatabaseRestartIT.CALL_BOUND.toNanos();
        Map<String, Heard> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Heard>> call : calls.entrySet()) {
            try {
                answers.put(call.getKey(), call.getValue().get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new AssertionError(call.getKey() + " had no answer within " + DatabaseRestartIT.CALL_BOUND
                        + " (answered so far: " + answers + ")\n--- server.log tail ---\n" + cistern.serverLogTail());
            } catch (ExecutionException e) {
                throw new AssertionError(call.getKey() + " failed (a broken connection?)", e.getCause());
            }
        }
        return answers;
    }

    @Override
    public void close() throws Exception {
        try {
            for (AutoCloseable connection : connections) {
                connection.close();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
