package io.cistern.smb.server;

import io.cistern.smb.spi.SmbListener;
import java.util.function.Consumer;

/** Runs a request against the application's listener on a request worker, away from the I/O threads. */
public interface SmbRequestExecutor {

    /**
     * Queues the task. Returns false when no worker can take it (the application is not active or the
     * queue is full); the task has then not run and never will.
     */
    boolean submit(Consumer<SmbListener> task);
}
