package io.cistern.smb.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds password guessing: once a client address has failed {@code maxFailures} logons within
 * {@code window}, it is refused until the oldest of those failures is {@code window} old. A refused attempt is
 * answered STATUS_LOGON_FAILURE without asking the application, and is not itself counted, so the block ends on
 * time even while the client keeps trying. Shared by every connection of a listener.
 *
 * <p>The limit can change while the listener runs ({@link #limit}): each NEGOTIATE answer carries the application's
 * setting. Thread-safe by a plain monitor: logons are rare next to file I/O, and each call is a few deque operations.
 * Addresses are kept only while they have failures inside the window; a sweep drops the others once the table
 * grows, so a scan from many addresses cannot grow it without bound.
 */
public final class LogonFailureThrottle {
    public static final int DEFAULT_MAX_FAILURES = io.cistern.smb.spi.SmbServerIdentity.DEFAULT_LOGON_FAILURE_LIMIT;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    static final int SWEEP_THRESHOLD = 4096;

    private final Clock clock;
    private int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failuresByAddress = new HashMap<>();

    public LogonFailureThrottle(Clock clock, int maxFailures, Duration window) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("at least one failure in a positive window");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Five failures a minute, on the system clock. */
    public static LogonFailureThrottle withDefaults() {
        return new LogonFailureThrottle(Clock.systemUTC(), DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);
    }

    /**
     * Sets how many failures within the window make an address wait. Failures already recorded count against the new
     * limit: lowering it may block an address at once, raising it may free one.
     */
    public synchronized void limit(int newMaxFailures) {
        if (newMaxFailures < 1) {
            throw new IllegalArgumentException("at least one failure, not " + newMaxFailures);
        }
        maxFailures = newMaxFailures;
    }

    /** The limit in effect. */
    public synchronized int maxFailures() {
        return maxFailures;
    }

    /** Whether a logon from {@code address} is refused now, without looking at its credentials. */
    public synchronized boolean isBlocked(String address) {
        Deque<Instant> failures = failuresByAddress.get(address);
        if (failures == null) {
            return false;
        }
        if (prune(failures, clock.instant())) {
            failuresByAddress.remove(address);
            return false;
        }
        return failures.size() >= maxFailures;
    }

    /** Records a failed logon from {@code address}. */
    public synchronized void recordFailure(String address) {
        Instant now = clock.instant();
        Deque<Instant> failures = failuresByAddress.computeIfAbsent(address, key -> new ArrayDeque<>());
        prune(failures, now);
        // only the newest maxFailures decide, so no more are kept (more may be there after the limit was lowered)
        while (failures.size() >= maxFailures) {
            failures.removeFirst();
        }
        failures.addLast(now);
        if (failuresByAddress.size() > SWEEP_THRESHOLD) {
            failuresByAddress.values().removeIf(times -> prune(times, now));
        }
    }

    /** How many addresses are tracked; for tests of the sweep. */
    synchronized int trackedAddresses() {
        return failuresByAddress.size();
    }

    /** Drops failures that left the window; true when none is left. */
    private boolean prune(Deque<Instant> failures, Instant now) {
        Instant leftWindow = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(leftWindow)) {
            failures.removeFirst();
        }
        return failures.isEmpty();
    }
}
