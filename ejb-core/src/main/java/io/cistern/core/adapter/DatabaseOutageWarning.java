package io.cistern.core.adapter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One warning every few seconds while the database is unreachable: during an outage every request of a protocol
 * fails the same way, and the first says it all.
 */
final class DatabaseOutageWarning {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    DatabaseOutageWarning(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} unless a warning was logged less than {@link #INTERVAL_NANOS} ago. */
    void warn(String message) {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= INTERVAL_NANOS && last.compareAndSet(previous, now)) {
            log.warning(message + ", and saying so at most every " + TimeUnit.NANOSECONDS.toSeconds(INTERVAL_NANOS)
                    + " s");
        }
    }
}
