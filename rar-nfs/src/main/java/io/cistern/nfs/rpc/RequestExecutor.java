package io.cistern.nfs.rpc;

import io.cistern.nfs.spi.NfsListener;
import java.util.function.Consumer;

/** Runs a call against the application's listener on a request worker, away from the I/O threads. */
public interface RequestExecutor {

    /**
     * Queues the task. Returns false when no worker can take it (the application is not active or the
     * queue is full); the task has then not run and never will.
     */
    boolean submit(Consumer<NfsListener> task);
}
