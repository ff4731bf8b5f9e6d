package io.cistern.core.locks;

import static io.cistern.core.locks.LockFixtures.FILE;
import static io.cistern.core.locks.LockFixtures.exclusive;
import static io.cistern.core.locks.LockFixtures.owner;
import static io.cistern.core.locks.LockFixtures.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.locks.LockFixtures.Grants;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a start only reclaims are served until the grace period is over, as Linux lockd does it. */
class GracePeriodTest {
    private static final Duration GRACE = Duration.ofSeconds(45);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LockManager locks = new LockManager(GRACE, nanos::get);
    private final LockOwner alice = owner("alpha", 100);
    private final LockOwner bob = owner("beta", 200);
    private final ShareReservation aliceReads = new ShareReservation(alice, ShareReservation.READ, 0);

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty("cistern.nlm.grace.seconds");
    }

    @Test
    void duringTheGracePeriodOnlyReclaimsAreServed() {
        assertTrue(locks.inGracePeriod());
        assertEquals(LockStatus.GRANTED, locks.tryLock(FILE, exclusive(alice, 0, 9), true));
        assertEquals(LockStatus.GRACE_PERIOD, locks.tryLock(FILE, exclusive(bob, 20, 29), false));
        assertEquals(LockStatus.GRACE_PERIOD, locks.lockOrWait(FILE, exclusive(bob, 20, 29), false, new Grants()));
        assertEquals(List.of(exclusive(alice, 0, 9)), locks.held(FILE));
        assertEquals(List.of(), locks.waiting(FILE));
    }

    @Test
    void reclaimsConflictWithEachOtherLikeAnyLocks() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), true);
        assertEquals(LockStatus.DENIED, locks.tryLock(FILE, shared(bob, 5, 5), true));
        assertEquals(LockStatus.BLOCKED, locks.lockOrWait(FILE, shared(bob, 5, 5), true, new Grants()));
    }

    @Test
    void testCancelUnlockAndUnshareAreAnsweredWithTheGracePeriod() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), true);
        LockTestResult test = locks.test(FILE, exclusive(bob, 0, 9));
        assertEquals(LockStatus.GRACE_PERIOD, test.status());
        assertNull(test.holder());
        assertEquals(LockStatus.GRACE_PERIOD, locks.cancel(FILE, exclusive(bob, 0, 9)));
        assertEquals(LockStatus.GRACE_PERIOD, locks.unlock(FILE, alice, ByteRange.whole()));
        assertEquals(List.of(exclusive(alice, 0, 9)), locks.held(FILE));
        locks.share(FILE, aliceReads, true);
        assertEquals(LockStatus.GRACE_PERIOD, locks.unshare(FILE, alice));
        assertEquals(List.of(aliceReads), locks.shares(FILE));
    }

    @Test
    void sharesMayOnlyBeReclaimedDuringTheGracePeriod() {
        assertEquals(LockStatus.GRACE_PERIOD, locks.share(FILE, aliceReads, false));
        assertEquals(LockStatus.GRANTED, locks.share(FILE, aliceReads, true));
    }

    @Test
    void freeAllIsServedDuringTheGracePeriod() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), true);
        locks.freeAll(LockManager.NLM, "alpha");
        assertEquals(List.of(), locks.held(FILE));
    }

    @Test
    void theGracePeriodEndsAfterItsLength() {
        pass(GRACE.minusNanos(1));
        assertTrue(locks.inGracePeriod());
        assertEquals(LockStatus.GRACE_PERIOD, locks.tryLock(FILE, exclusive(bob, 0, 9), false));
        pass(Duration.ofNanos(1));
        assertFalse(locks.inGracePeriod());
        assertEquals(LockStatus.GRANTED, locks.tryLock(FILE, exclusive(bob, 0, 9), false));
        assertEquals(LockStatus.DENIED, locks.test(FILE, exclusive(alice, 0, 9)).status());
    }

    @Test
    void afterTheGracePeriodLocksCanNoLongerBeReclaimedButSharesCan() {
        pass(GRACE);
        assertEquals(LockStatus.GRACE_PERIOD, locks.tryLock(FILE, exclusive(alice, 0, 9), true));
        assertEquals(LockStatus.GRACE_PERIOD, locks.lockOrWait(FILE, exclusive(alice, 0, 9), true, new Grants()));
        assertEquals(List.of(), locks.held(FILE));
        assertEquals(LockStatus.GRANTED, locks.share(FILE, aliceReads, true));
    }

    @Test
    void aGracePeriodOnceOverStaysOver() {
        pass(GRACE);
        assertFalse(locks.inGracePeriod());
        nanos.addAndGet(-GRACE.toNanos());
        assertFalse(locks.inGracePeriod());
    }

    @Test
    void aClockThatWrapsAroundDoesNotEndTheGracePeriodEarly() {
        AtomicLong nearWrap = new AtomicLong(Long.MAX_VALUE - 1_000);
        LockManager wrapping = new LockManager(GRACE, nearWrap::get);
        nearWrap.addAndGet(2_000);
        assertTrue(wrapping.inGracePeriod());
    }

    @Test
    void aGracePeriodOfZeroIsNone() {
        LockManager none = new LockManager(Duration.ZERO, nanos::get);
        assertFalse(none.inGracePeriod());
        assertEquals(LockStatus.GRANTED, none.tryLock(FILE, exclusive(alice, 0, 9), false));
        assertThrows(IllegalArgumentException.class, () -> new LockManager(Duration.ofSeconds(-1), nanos::get));
    }

    @Test
    void theSettingDefaultsTo45SecondsAndTakesAProperty() {
        assumeTrue(System.getenv("CISTERN_NLM_GRACE_SECONDS") == null, "the environment sets the grace period");
        System.clearProperty("cistern.nlm.grace.seconds");
        assertEquals(45, CisternSettings.nlmGraceSeconds());
        System.setProperty("cistern.nlm.grace.seconds", " 90 ");
        assertEquals(90, CisternSettings.nlmGraceSeconds());
        System.setProperty("cistern.nlm.grace.seconds", "0");
        assertEquals(0, CisternSettings.nlmGraceSeconds());
    }

    @Test
    void aGracePeriodThatIsNotASecondCountIsAConfigurationError() {
        System.setProperty("cistern.nlm.grace.seconds", "-1");
        assertThrows(IllegalArgumentException.class, CisternSettings::nlmGraceSeconds);
        System.setProperty("cistern.nlm.grace.seconds", "45s");
        assertThrows(IllegalArgumentException.class, CisternSettings::nlmGraceSeconds);
    }
}
