package io.cistern.it;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one NFS call at a time on a thread of its own, so that a call without an answer fails the test after
 * {@link DatabaseRestartIT#CALL_BOUND}, with the server's log, rather than when the client's socket gives up
 * (after a minute or two).
 */
final class BoundedCaller implements AutoCloseable {
    private final ExecutorService caller = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "db-restart-caller");
        thread.setDaemon(true);
        return thread;
    });
    private final CisternProcess cistern;

    BoundedCaller(CisternProcess cistern) {
        this.cistern = cistern;
    }

    /** The call's result; fails if it has no answer within the bound. */
    <T> T call(String what, Callable<T> call) throws Exception {
        Future<T> answer = caller.submit(call);
        try {
            return answer.get(DatabaseRestartIT.CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError(what + " had no answer within " + DatabaseRestartIT.CALL_BOUND
                    + "\n--- server.log tail ---\n" + cistern.serverLogTail());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        caller.shutdownNow();
    }
}
