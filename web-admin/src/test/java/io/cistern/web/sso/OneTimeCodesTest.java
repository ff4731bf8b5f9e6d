package io.cistern.web.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneTimeCodesTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final OneTimeCodes codes = new OneTimeCodes(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aCodeWorksOnceForItsUser() {
        String alice = codes.issue("alice");
        String bob = codes.issue("bob");
        assertNotEquals(alice, bob);
        assertEquals(Optional.of("bob"), codes.redeem(bob));
        assertEquals(Optional.of("alice"), codes.redeem(alice));
        assertEquals(Optional.empty(), codes.redeem(alice));
    }

    @Test
    void anExpiredUnknownOrMissingCodeIsRefused() {
        String code = codes.issue("alice");
        now = now.plus(OneTimeCodes.LIFETIME).plusSeconds(1);
        assertEquals(Optional.empty(), codes.redeem(code));
        assertEquals(Optional.empty(), codes.redeem("forged"));
        assertEquals(Optional.empty(), codes.redeem(""));
        assertEquals(Optional.empty(), codes.redeem(null));
    }
}
