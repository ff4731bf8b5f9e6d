package io.cistern.core.locks;

import static io.cistern.core.locks.LockFixtures.END;
import static io.cistern.core.locks.LockFixtures.FILE;
import static io.cistern.core.locks.LockFixtures.OTHER_FILE;
import static io.cistern.core.locks.LockFixtures.exclusive;
import static io.cistern.core.locks.LockFixtures.heldInOrder;
import static io.cistern.core.locks.LockFixtures.owner;
import static io.cistern.core.locks.LockFixtures.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests conflict, and what an owner's own requests do to the locks it holds (POSIX fcntl rules). */
class LockRangesTest {
    private final LockManager locks = LockFixtures.manager();
    private final LockOwner alice = owner("alpha", 100);
    private final LockOwner bob = owner("beta", 200);

    private LockStatus take(RangeLock lock) {
        return locks.tryLock(FILE, lock, false);
    }

    @Test
    void sharedLocksOfDifferentOwnersCoexist() {
        assertEquals(LockStatus.GRANTED, take(shared(alice, 0, 99)));
        assertEquals(LockStatus.GRANTED, take(shared(bob, 50, 150)));
        assertEquals(List.of(shared(alice, 0, 99), shared(bob, 50, 150)), heldInOrder(locks, FILE));
    }

    @Test
    void anExclusiveLockConflictsWithEveryOtherOwnersLockOnItsBytes() {
        take(exclusive(alice, 10, 19));
        assertEquals(LockStatus.DENIED, take(shared(bob, 15, 15)));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 0, 10)));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 19, 30)));
        assertEquals(List.of(exclusive(alice, 10, 19)), locks.held(FILE));
    }

    @Test
    void anExclusiveRequestConflictsWithAnotherOwnersSharedLock() {
        take(shared(alice, 10, 19));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 19, 19)));
        assertEquals(LockStatus.GRANTED, take(shared(bob, 19, 19)));
    }

    @Test
    void rangesThatOnlyTouchDoNotConflict() {
        take(exclusive(alice, 10, 19));
        assertEquals(LockStatus.GRANTED, take(exclusive(bob, 0, 9)));
        assertEquals(LockStatus.GRANTED, take(exclusive(bob, 20, 29)));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 9, 10)));
    }

    @Test
    void aLockToTheEndCoversTheLastAddressableByte() {
        take(new RangeLock(alice, ByteRange.of(1000, 0), true));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, END, END)));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 999, 1000)));
        assertEquals(LockStatus.GRANTED, take(exclusive(bob, 0, 999)));
    }

    @Test
    void locksAtHugeOffsetsKeepTheirBoundaries() {
        take(new RangeLock(alice, ByteRange.of(END, 1), true));
        assertEquals(LockStatus.GRANTED, take(new RangeLock(bob, ByteRange.of(END - 1, 1), true)));
        assertEquals(LockStatus.DENIED, take(new RangeLock(bob, ByteRange.of(END - 1, 2), true)));
        assertEquals(LockStatus.DENIED, take(new RangeLock(bob, ByteRange.of(1L << 62, -1L), false)));
    }

    @Test
    void testNamesTheConflictingLockThatStartsFirstAndIgnoresTheAskersOwn() {
        take(exclusive(alice, 50, 59));
        take(shared(bob, 20, 29));
        LockOwner carol = owner("gamma", 300);
        LockTestResult result = locks.test(FILE, exclusive(carol, 0, 99));
        assertEquals(LockStatus.DENIED, result.status());
        assertEquals(shared(bob, 20, 29), result.holder());
        assertEquals(exclusive(alice, 50, 59), locks.test(FILE, shared(carol, 0, 99)).holder());
        LockTestResult own = locks.test(FILE, exclusive(alice, 0, 19));
        assertEquals(LockStatus.GRANTED, own.status());
        assertNull(own.holder());
        assertEquals(LockStatus.DENIED, locks.test(FILE, exclusive(alice, 0, 20)).status());
    }

    @Test
    void testTakesNothing() {
        locks.test(FILE, exclusive(alice, 0, 9));
        assertEquals(List.of(), locks.held(FILE));
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void anOwnersLocksNeverConflictWithEachOther() {
        assertEquals(LockStatus.GRANTED, take(exclusive(alice, 0, 9)));
        assertEquals(LockStatus.GRANTED, take(exclusive(alice, 5, 14)));
        assertEquals(LockStatus.GRANTED, take(shared(alice, 0, 2)));
        assertEquals(List.of(shared(alice, 0, 2), exclusive(alice, 3, 14)), heldInOrder(locks, FILE));
    }

    @Test
    void locksOfOneKindThatTouchOrOverlapMerge() {
        take(shared(alice, 0, 9));
        take(shared(alice, 10, 19));
        assertEquals(List.of(shared(alice, 0, 19)), locks.held(FILE));
        take(shared(alice, 30, 39));
        take(shared(alice, 15, 32));
        assertEquals(List.of(shared(alice, 0, 39)), locks.held(FILE));
    }

    @Test
    void locksOfDifferentKindsThatTouchStayApart() {
        take(shared(alice, 0, 9));
        take(exclusive(alice, 10, 19));
        assertEquals(List.of(shared(alice, 0, 9), exclusive(alice, 10, 19)), heldInOrder(locks, FILE));
    }

    @Test
    void upgradingTheMiddleOfASharedLockSplitsIt() {
        take(shared(alice, 0, 99));
        assertEquals(LockStatus.GRANTED, take(exclusive(alice, 40, 59)));
        assertEquals(List.of(shared(alice, 0, 39), exclusive(alice, 40, 59), shared(alice, 60, 99)),
                heldInOrder(locks, FILE));
        assertEquals(LockStatus.GRANTED, take(shared(bob, 39, 39)));
        assertEquals(LockStatus.DENIED, take(shared(bob, 40, 40)));
    }

    @Test
    void downgradingLetsOthersShare() {
        take(exclusive(alice, 0, 99));
        assertEquals(LockStatus.DENIED, take(shared(bob, 50, 50)));
        assertEquals(LockStatus.GRANTED, take(shared(alice, 0, 99)));
        assertEquals(List.of(shared(alice, 0, 99)), locks.held(FILE));
        assertEquals(LockStatus.GRANTED, take(shared(bob, 50, 50)));
    }

    @Test
    void anUpgradeThatConflictsLeavesTheSharedLockAsItWas() {
        take(shared(alice, 0, 9));
        take(shared(bob, 5, 5));
        assertEquals(LockStatus.DENIED, take(exclusive(alice, 0, 9)));
        assertEquals(List.of(shared(alice, 0, 9), shared(bob, 5, 5)), heldInOrder(locks, FILE));
    }

    @Test
    void unlockingTheMiddleSplitsALock() {
        take(exclusive(alice, 0, 99));
        assertEquals(LockStatus.GRANTED, locks.unlock(FILE, alice, new ByteRange(40, 59)));
        assertEquals(List.of(exclusive(alice, 0, 39), exclusive(alice, 60, 99)), heldInOrder(locks, FILE));
        assertEquals(LockStatus.GRANTED, take(exclusive(bob, 40, 59)));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 39, 40)));
    }

    @Test
    void unlockingToTheEndFromTheMiddleKeepsTheStart() {
        take(new RangeLock(alice, ByteRange.of(10, 0), false));
        locks.unlock(FILE, alice, ByteRange.of(50, 0));
        assertEquals(List.of(shared(alice, 10, 49)), locks.held(FILE));
    }

    @Test
    void unlockingSpansSeveralLocksOfBothKinds() {
        take(shared(alice, 0, 9));
        take(exclusive(alice, 20, 29));
        take(shared(alice, 40, 49));
        locks.unlock(FILE, alice, new ByteRange(5, 44));
        assertEquals(List.of(shared(alice, 0, 4), shared(alice, 45, 49)), heldInOrder(locks, FILE));
    }

    @Test
    void unlockingReleasesOnlyTheOwnersOwnLocks() {
        take(shared(alice, 0, 9));
        take(shared(bob, 0, 9));
        assertEquals(LockStatus.GRANTED, locks.unlock(FILE, bob, ByteRange.whole()));
        assertEquals(List.of(shared(alice, 0, 9)), locks.held(FILE));
        assertEquals(LockStatus.GRANTED, locks.unlock(FILE, bob, ByteRange.whole()));
        assertEquals(List.of(shared(alice, 0, 9)), locks.held(FILE));
    }

    @Test
    void aFileWithNothingLeftIsForgotten() {
        take(shared(alice, 0, 9));
        take(shared(alice, 0, 9));
        locks.tryLock(OTHER_FILE, shared(bob, 0, 9), false);
        assertEquals(2, locks.trackedFiles());
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(1, locks.trackedFiles());
        locks.tryLock(FILE, exclusive(bob, 0, 0), false);
        locks.unlock(FILE, bob, ByteRange.whole());
        locks.unlock(OTHER_FILE, bob, new ByteRange(0, 9));
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void ownersThatDifferInAnyPartConflict() {
        LockOwner sameHostOtherProcess = owner("alpha", 101);
        LockOwner sameProcessOtherHandle = new LockOwner(LockManager.NLM, "alpha", new byte[] {9}, 100);
        LockOwner sameNamesOverSmb = new LockOwner("smb", "alpha", alice.handle(), 100);
        take(exclusive(alice, 0, 9));
        assertEquals(LockStatus.DENIED, take(exclusive(sameHostOtherProcess, 0, 9)));
        assertEquals(LockStatus.DENIED, take(exclusive(sameProcessOtherHandle, 0, 9)));
        assertEquals(LockStatus.DENIED, take(shared(sameNamesOverSmb, 0, 9)));
        assertEquals(LockStatus.GRANTED, take(exclusive(new LockOwner(LockManager.NLM, "alpha",
                ("100@alpha").getBytes(java.nio.charset.StandardCharsets.US_ASCII), 100), 0, 9)));
    }

    @Test
    void filesAreIndependent() {
        take(exclusive(alice, 0, END));
        assertEquals(LockStatus.GRANTED, locks.tryLock(OTHER_FILE, exclusive(bob, 0, END), false));
    }
}
