package io.cistern.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A run's own rate (the audit's job parameter mbPerSecond) replaces the setting; a bad one is refused. */
class AuditSettingsTest {
    @Test
    void aRunsOwnRateIsUsedInMiBPerSecond() throws InterruptedException {
        TokenBucket fourMiB = AuditSettings.newRateLimit("4");
        assertEquals(0, fourMiB.reserve(4L << 20), "a full bucket holds one second's worth");
        assertEquals(1_000_000_000L, fourMiB.reserve(4L << 20), 5_000_000L, "the next 4 MiB wait about a second");
    }

    @Test
    void aBlankRateFallsBackToTheSettingAndABadOneIsRefused() {
        assertEquals(0, AuditSettings.newRateLimit(" ").reserve(AuditSettings.bytesPerSecond()));
        assertThrows(IllegalArgumentException.class, () -> AuditSettings.newRateLimit("fast"));
        assertThrows(IllegalArgumentException.class, () -> AuditSettings.newRateLimit("0"));
        assertThrows(IllegalArgumentException.class, () -> AuditSettings.newRateLimit("-3"));
    }
}
