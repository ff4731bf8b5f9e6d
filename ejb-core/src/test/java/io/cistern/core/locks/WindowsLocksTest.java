package io.cistern.core.locks;

import static io.cistern.core.locks.LockFixtures.FILE;
import static io.cistern.core.locks.LockFixtures.exclusive;
import static io.cistern.core.locks.LockFixtures.heldInOrder;
import static io.cistern.core.locks.LockFixtures.owner;
import static io.cistern.core.locks.LockFixtures.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows' byte-range lock rules for SMB opens ([MS-FSA] 2.1.5.7, 2.1.5.8, 2.1.4.10), as smbtorture's smb2.lock
 * records Windows' answers, in the lock manager NLM shares; and that NLM's POSIX owners keep their rules beside them.
 */
class WindowsLocksTest {
    private static final long TOP = -1L;   // 2^64 - 1, unsigned
    private final LockManager locks = LockFixtures.manager();
    private final LockOwner open1 = open("h1");
    private final LockOwner open2 = open("h2");

    private static LockOwner open(String fileId) {
        return new LockOwner("smb", "10.0.0.1", fileId.getBytes(StandardCharsets.US_ASCII), 0, LockFlavor.WINDOWS);
    }

    private static RangeLock lock(LockOwner owner, long offset, long length, boolean exclusive) {
        return RangeLock.ofLength(owner, offset, length, exclusive);
    }

    private LockStatus take(RangeLock... requests) {
        return locks.tryLockAll(FILE, List.of(requests));
    }

    private LockStatus unlock(LockOwner owner, long offset, long length) {
        return locks.unlockExactly(FILE, lock(owner, offset, length, false));
    }

    @Test
    void sharedLocksOfOneOpenStackAndEachNeedsItsOwnUnlock() {
        assertEquals(LockStatus.GRANTED, take(lock(open1, 0, 10, false)));
        assertEquals(LockStatus.GRANTED, take(lock(open1, 0, 10, false)));
        assertEquals(2, locks.held(FILE).size());
        assertEquals(LockStatus.GRANTED, unlock(open1, 0, 10));
        assertEquals(LockStatus.GRANTED, unlock(open1, 0, 10));
        assertEquals(LockStatus.DENIED, unlock(open1, 0, 10), "STATUS_RANGE_NOT_LOCKED");
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void aSharedLockStacksOnTheOpensOwnExclusiveOneButNotOnAnotherOpens() {
        assertEquals(LockStatus.GRANTED, take(lock(open1, 0, 10, true)));
        assertEquals(LockStatus.GRANTED, take(lock(open1, 0, 10, false)));
        assertEquals(LockStatus.GRANTED, take(lock(open1, 5, 10, false)));
        assertEquals(LockStatus.DENIED, take(lock(open2, 0, 10, false)));
    }

    @Test
    void anExclusiveLockConflictsWithTheOpensOwnLocks() {
        take(lock(open1, 0, 10, true));
        assertEquals(LockStatus.DENIED, take(lock(open1, 0, 10, true)), "two exclusive locks do not stack");
        take(lock(open1, 100, 10, false));
        assertEquals(LockStatus.DENIED, take(lock(open1, 105, 1, true)), "nor an exclusive on a shared one");
    }

    @Test
    void anUnlockMustNameAHeldRangeExactlyAndReleasesTheExclusiveLockFirst() {
        take(lock(open1, 10, 10, true));
        take(lock(open1, 10, 10, false));
        assertEquals(LockStatus.DENIED, unlock(open1, 10, 5), "a part of a lock is not a lock");
        assertEquals(LockStatus.DENIED, unlock(open1, 0, 100), "nor is a range around it");
        assertEquals(LockStatus.DENIED, unlock(open2, 10, 10), "nor another open's lock");
        assertEquals(LockStatus.GRANTED, unlock(open1, 10, 10));
        assertEquals(List.of(lock(open1, 10, 10, false)), locks.held(FILE));
        assertEquals(LockStatus.GRANTED, take(lock(open2, 5, 10, false)), "the shared one is left");
        assertEquals(LockStatus.DENIED, take(lock(open2, 5, 10, true)));
    }

    @Test
    void aRequestOfSeveralLocksIsAllOrNothing() {
        take(lock(open2, 10, 10, true));
        assertEquals(LockStatus.DENIED, take(lock(open1, 0, 10, true), lock(open1, 10, 10, true)));
        assertEquals(List.of(lock(open2, 10, 10, true)), locks.held(FILE));
        assertEquals(LockStatus.DENIED, take(lock(open1, 0, 10, true), lock(open1, 5, 1, true)),
                "each lock is checked against those the request took before it");
        assertEquals(LockStatus.GRANTED, take(lock(open1, 0, 10, true), lock(open1, 20, 10, true)));
        assertEquals(3, locks.held(FILE).size());
    }

    @Test
    void emptyLocksAreHeldAndConflictOnlyWithALockAroundThem() {
        assertEquals(LockStatus.GRANTED, take(lock(open1, 10, 0, true)));
        assertEquals(LockStatus.GRANTED, take(lock(open2, 10, 0, true)), "empty locks never conflict");
        assertEquals(LockStatus.GRANTED, take(lock(open2, 10, 5, true)), "starting at it is not around it");
        assertEquals(LockStatus.GRANTED, take(lock(open2, 0, 10, true)), "nor is ending just before it");
        assertEquals(LockStatus.DENIED, take(lock(open2, 5, 10, true)), "bytes 5..14 surround offset 10");
        assertEquals(LockStatus.GRANTED, unlock(open1, 10, 0));
        assertEquals(LockStatus.DENIED, unlock(open1, 10, 0));
        assertEquals(LockStatus.DENIED, unlock(open1, 10, 1), "an empty lock is not a lock of one byte");
    }

    @Test
    void anEmptyLockAtZeroConflictsWithNothing() {
        take(lock(open1, 0, 100, true));
        assertEquals(LockStatus.GRANTED, take(lock(open2, 0, 0, true)));
        assertEquals(LockStatus.GRANTED, take(lock(open2, TOP, 0, true)));
    }

    @Test
    void locksReachTheLastOfTwoToTheSixtyFourBytes() {
        assertEquals(LockStatus.GRANTED, take(lock(open1, Long.MAX_VALUE, 1, true)));
        assertEquals(LockStatus.GRANTED, take(lock(open1, Long.MIN_VALUE, 1, true)), "2^63");
        assertEquals(LockStatus.GRANTED, take(lock(open1, TOP, 1, true)));
        assertEquals(LockStatus.DENIED, take(lock(open2, Long.MIN_VALUE, 1, false)));
        assertEquals(LockStatus.DENIED, take(lock(open2, TOP, 1, false)));
        assertEquals(LockStatus.GRANTED, take(lock(open2, Long.MIN_VALUE + 1, 10, false)));
        assertThrows(IllegalArgumentException.class, () -> lock(open1, TOP, 2, true), "STATUS_INVALID_LOCK_RANGE");
        assertThrows(IllegalArgumentException.class, () -> lock(open1, TOP, TOP, true));
        assertEquals(LockStatus.GRANTED, unlock(open1, TOP, 1));
    }

    @Test
    void readsAndWritesAreCheckedAgainstLocksAsWindowsDoes() {
        take(lock(open1, 0, 100, false));
        ByteRange bytes = new ByteRange(50, 59);
        assertNull(locks.accessConflict(FILE, open1, bytes, false), "the open reads under its shared lock");
        assertNotNull(locks.accessConflict(FILE, open1, bytes, true), "but may not write there");
        assertNull(locks.accessConflict(FILE, open2, bytes, false));
        assertNotNull(locks.accessConflict(FILE, open2, bytes, true));
        take(lock(open1, 200, 100, true));
        ByteRange locked = new ByteRange(250, 259);
        assertNull(locks.accessConflict(FILE, open1, locked, true), "the open writes under its exclusive lock");
        assertNotNull(locks.accessConflict(FILE, open2, locked, false), "another open cannot even read there");
        assertNull(locks.accessConflict(FILE, open2, new ByteRange(100, 199), true), "between the locks is free");
    }

    @Test
    void closingAnOpenReleasesAllItsLocksPastTwoToTheSixtyThreeToo() {
        take(lock(open1, 0, 10, true));
        take(lock(open1, 0, 10, false));
        take(lock(open1, 5, 0, true));
        take(lock(open1, Long.MIN_VALUE, 10, true));
        take(lock(open2, 20, 10, true));
        locks.releaseAll(FILE, open1);
        assertEquals(List.of(lock(open2, 20, 10, true)), locks.held(FILE));
    }

    @Test
    void anNlmLockAndAnSmbLockExcludeEachOtherAndNlmMayNotUseWindowsCalls() {
        LockOwner nlm = owner("alpha", 100);
        assertEquals(LockStatus.GRANTED, locks.tryLock(FILE, exclusive(nlm, 0, 99), false));
        assertEquals(LockStatus.DENIED, take(lock(open1, 50, 1, false)));
        assertNotNull(locks.accessConflict(FILE, open1, new ByteRange(0, 0), false), "mandatory for SMB's reads");
        locks.unlock(FILE, nlm, ByteRange.whole());
        take(lock(open1, 50, 1, false));
        assertEquals(LockStatus.DENIED, locks.tryLock(FILE, exclusive(nlm, 0, 99), false));
        assertThrows(IllegalArgumentException.class, () -> locks.tryLockAll(FILE, List.of(shared(nlm, 0, 1))));
    }

    @Test
    void nlmOwnersStillMergeSplitAndNeverConflictWithThemselves() {
        LockOwner nlm = owner("alpha", 100);
        locks.tryLock(FILE, shared(nlm, 0, 9), false);
        locks.tryLock(FILE, shared(nlm, 10, 19), false);
        assertEquals(List.of(shared(nlm, 0, 19)), heldInOrder(locks, FILE), "adjacent shared locks merge");
        assertEquals(LockStatus.GRANTED, locks.tryLock(FILE, exclusive(nlm, 5, 14), false), "an upgrade in place");
        assertEquals(List.of(shared(nlm, 0, 4), exclusive(nlm, 5, 14), shared(nlm, 15, 19)),
                heldInOrder(locks, FILE));
        locks.unlock(FILE, nlm, new ByteRange(3, 16));
        assertEquals(List.of(shared(nlm, 0, 2), shared(nlm, 17, 19)), heldInOrder(locks, FILE),
                "an unlock releases whatever lies in its range");
    }

    @Test
    void smbLocksAreRefusedDuringTheGracePeriod() {
        LockManager starting = new LockManager(Duration.ofMinutes(1), System::nanoTime);
        assertEquals(LockStatus.GRACE_PERIOD, starting.tryLockAll(FILE, List.of(lock(open1, 0, 1, true))));
        assertFalse(starting.held(FILE).stream().findAny().isPresent());
        assertTrue(starting.inGracePeriod());
    }
}
