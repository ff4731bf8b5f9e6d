package io.cistern.core.fs;

import java.time.Instant;

/** The server's clock as file times use it: nanoseconds since the epoch, as precise as the platform gives. */
public final class FsClock {
    private FsClock() {
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
