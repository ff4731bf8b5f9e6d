package io.cistern.core.audit;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces a reader to a number of bytes per second so that a background walk of the store leaves the disk and the
 * network to clients. Tokens (bytes) refill continuously up to a burst of one second's worth; taking more than is
 * there is allowed (a block is read whole, and may be larger than the burst) and puts the bucket in debt, which the
 * taker pays by waiting until the refill has covered it. Over any long stretch the rate therefore never exceeds the
 * limit by more than one burst.
 *
 * <p>Thread-safe. The clock and the sleep are injectable, for tests.
 */
public final class TokenBucket {
    /** Waits {@code nanos} nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Faster than any store is read here (and than SHA-256 runs); it keeps the arithmetic below within a long. */
    static final long MAX_BYTES_PER_SECOND = 8L << 30;

    /*
     * Tokens are counted in bytes × 10^9, so that a refill (nanoseconds × bytes per second) and a wait (debt / bytes
     * per second, in nanoseconds) are exact integers.
     */
    private final long bytesPerSecond;
    private final long capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long tokens;
    private long refilledAt;

    /** A full bucket of {@code bytesPerSecond} (> 0; at most {@link #MAX_BYTES_PER_SECOND}) on the system clock. */
    public TokenBucket(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime, TokenBucket::sleepNanos);
    }

    public TokenBucket(long bytesPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a rate is more than 0 bytes per second, got " + bytesPerSecond);
        }
        this.bytesPerSecond = Math.min(bytesPerSecond, MAX_BYTES_PER_SECOND);
        this.capacity = this.bytesPerSecond * NANOS_PER_SECOND;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Takes {@code bytes}, waiting as long as the rate requires first. */
    public void acquire(long bytes) throws InterruptedException {
        long wait = reserve(bytes);
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /**
     * Takes {@code bytes} now and says how many nanoseconds the taker must wait before using them: 0 while the
     * bucket covers them. Reservations queue up: each later taker waits for the debt of the earlier ones too.
     */
    synchronized long reserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes to take must be >= 0, got " + bytes);
        }
        long now = nanoClock.getAsLong();
        // idling longer than it takes to fill the bucket adds nothing more: clamped before multiplying, so no overflow
        long toFull = (capacity - tokens) / bytesPerSecond + 1;
        long elapsed = Math.min(Math.max(0, now - refilledAt), toFull);
        tokens = Math.min(capacity, tokens + elapsed * bytesPerSecond);
        refilledAt = now;
        tokens -= Math.multiplyExact(bytes, NANOS_PER_SECOND);
        return tokens >= 0 ? 0 : (-tokens + bytesPerSecond - 1) / bytesPerSecond;   // rounded up
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
