package io.cistern.core.payload;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** How the payload engine's own thread pools stop: what is running may finish, for a bounded time. */
final class ExecutorShutdown {
    private static final Logger LOG = Logger.getLogger(ExecutorShutdown.class.getName());

    private ExecutorShutdown() {
    }

    /**
     * Stops {@code executor} taking tasks, waits up to {@code seconds} for the running ones and then interrupts them
     * with {@code warning} logged (also when the caller is interrupted meanwhile, whose interrupt is kept).
     */
    static void within(ExecutorService executor, long seconds, String warning) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warning(warning);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
