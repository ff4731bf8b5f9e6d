package io.cistern.nfs.rpc;

import io.cistern.nfs.spi.NfsListener;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a call against the application's listener on a request worker, away from the I/O threads; or, for a call
 * the application answers from memory, on the I/O thread itself.
 */
public interface RequestExecutor {

    /**
     * Queues the task. Returns false when no worker can take it (the application is not active or the
     * queue is full); the task has then not run and never will.
     */
    boolean submit(Consumer<NfsListener> task);

    /**
     * Runs {@code attempt} here, on the calling I/O thread, with a listener of this thread's own, and returns what
     * it returned; null when there is no listener for this thread (the application is not active) or the attempt
     * failed. The attempt must not block: the thread serves every connection of its event loop.
     */
    default <R> R runOnIoThread(Function<NfsListener, R> attempt) {
        return null;
    }
}
