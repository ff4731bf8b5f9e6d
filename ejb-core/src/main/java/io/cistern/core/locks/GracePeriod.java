package io.cistern.core.locks;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time after a start during which clients reclaim the locks they held before it. Lock state lives in memory
 * only, so after a restart the server knows nothing; the clients, told by NSM that it restarted, re-establish their
 * locks, and until they have had the time to, nobody else may take one that a reclaim could then collide with.
 * Measured on a monotonic clock, so that a wall-clock step neither ends it early nor brings it back.
 */
final class GracePeriod {
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long lengthNanos;
    /** Once over, it stays over without reading the clock again. */
    private volatile boolean over;

    GracePeriod(Duration length, LongSupplier nanoClock) {
        if (length.isNegative()) {
            throw new IllegalArgumentException("a grace period cannot be negative: " + length);
        }
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lengthNanos = length.toNanos();
        this.over = lengthNanos == 0;
    }

    boolean active() {
        if (over) {
            return false;
        }
        if (nanoClock.getAsLong() - startNanos >= lengthNanos) {
            over = true;
            return false;
        }
        return true;
    }
}
