package io.cistern.smb.server;

import io.cistern.smb.SettableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Five failures a minute per address, on a clock the test moves. */
class LogonFailureThrottleTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final LogonFailureThrottle throttle = new LogonFailureThrottle(clock, 5, Duration.ofMinutes(1));

    @Test
    void theFifthFailureInAMinuteBlocksThatAddressOnly() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("192.0.2.1");
            clock.advance(Duration.ofSeconds(5));
        }
        assertFalse(throttle.isBlocked("192.0.2.1"), "four failures are allowed");
        throttle.recordFailure("192.0.2.1");
        assertTrue(throttle.isBlocked("192.0.2.1"));
        assertFalse(throttle.isBlocked("192.0.2.2"), "another address is not affected");
    }

    @Test
    void theBlockEndsWhenTheOldestFailureLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("192.0.2.1");
            clock.advance(Duration.ofSeconds(10));
        }
        // failures at 0, 10, 20, 30, 40 s; now 50 s
        assertTrue(throttle.isBlocked("192.0.2.1"));
        clock.advance(Duration.ofSeconds(9));
        assertTrue(throttle.isBlocked("192.0.2.1"), "59 s after the first failure");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(throttle.isBlocked("192.0.2.1"), "60 s after the first failure only four are left");
    }

    @Test
    void checkingWhileBlockedDoesNotExtendTheBlock() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("192.0.2.1");
        }
        for (int i = 0; i < 59; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertTrue(throttle.isBlocked("192.0.2.1"));
        }
        clock.advance(Duration.ofSeconds(1));
        assertFalse(throttle.isBlocked("192.0.2.1"));
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteNeverBlock() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("192.0.2.1");
            clock.advance(Duration.ofSeconds(13));
            assertFalse(throttle.isBlocked("192.0.2.1"), "failure " + i);
        }
    }

    @Test
    void staleAddressesAreSweptOnceTheTableGrows() {
        for (int i = 0; i < LogonFailureThrottle.SWEEP_THRESHOLD; i++) {
            throttle.recordFailure("10.0." + (i / 256) + "." + (i % 256));
        }
        assertEquals(LogonFailureThrottle.SWEEP_THRESHOLD, throttle.trackedAddresses());
        clock.advance(Duration.ofMinutes(2));
        throttle.recordFailure("192.0.2.1");
        assertEquals(1, throttle.trackedAddresses(), "only the fresh failure is kept");
    }

    @Test
    void aWindowAndALimitAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> new LogonFailureThrottle(clock, 0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LogonFailureThrottle(clock, 5, Duration.ZERO));
    }

    @Test
    void aChangedLimitCountsTheFailuresAlreadyRecorded() {
        throttle.recordFailure("192.0.2.1");
        throttle.recordFailure("192.0.2.1");
        assertFalse(throttle.isBlocked("192.0.2.1"));
        throttle.limit(2);
        assertEquals(2, throttle.maxFailures());
        assertTrue(throttle.isBlocked("192.0.2.1"), "lowering the limit blocks at once");
        throttle.limit(5);
        assertFalse(throttle.isBlocked("192.0.2.1"), "raising it frees the address");
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("192.0.2.1");
        }
        throttle.limit(1);
        throttle.recordFailure("192.0.2.1");
        throttle.limit(2);
        assertFalse(throttle.isBlocked("192.0.2.1"), "a failure recorded under limit 1 kept only itself");
        assertThrows(IllegalArgumentException.class, () -> throttle.limit(0));
    }
}
