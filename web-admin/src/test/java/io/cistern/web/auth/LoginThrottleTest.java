package io.cistern.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void theFifthFailureInAMinuteClosesTheAddressUntilTheMinuteEnds() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
            assertTrue(throttle.refusedForSeconds("10.0.0.1").isEmpty());
        }
        clock.now = clock.now.plusSeconds(20);
        throttle.failed("10.0.0.1");
        assertEquals(40, throttle.refusedForSeconds("10.0.0.1").getAsLong());
        assertTrue(throttle.refusedForSeconds("10.0.0.2").isEmpty(), "per address");
        clock.now = clock.now.plusSeconds(40);
        assertTrue(throttle.refusedForSeconds("10.0.0.1").isEmpty());
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteAreNotCountedTogether() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1");
            clock.now = clock.now.plus(Duration.ofSeconds(16));
        }
        assertTrue(throttle.refusedForSeconds("10.0.0.1").isEmpty());
    }
}
