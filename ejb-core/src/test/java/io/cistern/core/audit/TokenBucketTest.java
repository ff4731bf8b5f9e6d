package io.cistern.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The audit's rate limit on a clock the test moves: waits, not wall time, are what is checked. */
class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long RATE = 1000;   // bytes per second

    private long now = 5 * SECOND;
    private final List<Long> sleeps = new ArrayList<>();
    private final TokenBucket bucket = new TokenBucket(RATE, () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;   // sleeping moves the clock, as it would
    });

    @Test
    void aFullBucketLetsOneSecondsWorthThroughWithoutWaiting() throws InterruptedException {
        bucket.acquire(400);
        bucket.acquire(600);
        assertEquals(List.of(), sleeps);
    }

    @Test
    void takingMoreThanIsThereWaitsForTheRefillToCoverTheDebt() throws InterruptedException {
        bucket.acquire(1000);
        bucket.acquire(250);
        assertEquals(List.of(SECOND / 4), sleeps, "250 bytes at 1000 B/s: a quarter of a second");
    }

    @Test
    void aTakeLargerThanTheBurstIsAllowedAndPaidForAfterwards() throws InterruptedException {
        bucket.acquire(3000);   // one 4 MiB block can be larger than a second's worth at a low rate
        assertEquals(List.of(2 * SECOND), sleeps);
        bucket.acquire(500);
        assertEquals(List.of(2 * SECOND, SECOND / 2), sleeps, "the bucket was empty after paying the debt");
    }

    @Test
    void idleTimeRefillsButNoMoreThanOneSecondsWorth() throws InterruptedException {
        bucket.acquire(1000);
        now += 10 * SECOND;      // a long pause does not bank ten seconds of tokens
        bucket.acquire(1000);
        assertEquals(List.of(), sleeps);
        bucket.acquire(1000);
        assertEquals(List.of(SECOND), sleeps);
    }

    @Test
    void aLongPauseAfterADebtPaysTheWholeDebt() {
        assertEquals(3 * SECOND, bucket.reserve(4000));   // in debt by three seconds' worth
        now += 4 * SECOND;                                  // the taker slept them, then idled one more
        assertEquals(0, bucket.reserve(1000), "the debt is paid and the bucket full again");
        assertEquals(SECOND / 1000, bucket.reserve(1));
    }

    @Test
    void overAStretchTheRateIsTheLimit() throws InterruptedException {
        long start = now;
        for (int i = 0; i < 100; i++) {
            bucket.acquire(100);   // 10,000 bytes in all: 1,000 from the full bucket, 9,000 at the rate
        }
        assertEquals(9 * SECOND, now - start);
    }

    @Test
    void reservationsOfSeveralTakersQueueUp() {
        assertEquals(0, bucket.reserve(1000));
        assertEquals(SECOND / 2, bucket.reserve(500));
        assertEquals(SECOND, bucket.reserve(500), "the second taker waits for the first one's debt too");
    }

    @Test
    void aRateIsPositiveAndATakeIsNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, () -> now, nanos -> { }));
        assertThrows(IllegalArgumentException.class, () -> bucket.reserve(-1));
    }

    @Test
    void theSettingIsInMebibytesPerSecondWithADefaultOf200() {
        String before = System.getProperty(AuditSettings.PROPERTY);
        try {
            System.clearProperty(AuditSettings.PROPERTY);
            if (System.getenv(AuditSettings.ENVIRONMENT) == null) {
                assertEquals(200L << 20, AuditSettings.bytesPerSecond());
            }
            System.setProperty(AuditSettings.PROPERTY, "3");
            assertEquals(3L << 20, AuditSettings.bytesPerSecond());
            System.setProperty(AuditSettings.PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, AuditSettings::bytesPerSecond);
            System.setProperty(AuditSettings.PROPERTY, "fast");
            assertThrows(IllegalArgumentException.class, AuditSettings::bytesPerSecond);
        } finally {
            if (before == null) {
                System.clearProperty(AuditSettings.PROPERTY);
            } else {
                System.setProperty(AuditSettings.PROPERTY, before);
            }
        }
    }
}
