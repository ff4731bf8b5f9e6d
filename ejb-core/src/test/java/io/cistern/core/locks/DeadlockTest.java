package io.cistern.core.locks;

import static io.cistern.core.locks.LockFixtures.FILE;
import static io.cistern.core.locks.LockFixtures.OTHER_FILE;
import static io.cistern.core.locks.LockFixtures.exclusive;
import static io.cistern.core.locks.LockFixtures.owner;
import static io.cistern.core.locks.LockFixtures.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.locks.LockFixtures.Grants;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A blocking request that would wait for an owner already waiting for it, directly or around a cycle, is refused. */
class DeadlockTest {
    private static final long THIRD_FILE = 9;

    private final LockManager locks = LockFixtures.manager();
    private final LockOwner alice = owner("alpha", 100);
    private final LockOwner bob = owner("beta", 200);
    private final LockOwner carol = owner("gamma", 300);
    private final Grants grants = new Grants();

    private LockStatus await(long file, RangeLock lock) {
        return locks.lockOrWait(file, lock, false, grants);
    }

    @Test
    void twoOwnersWaitingForEachOther() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(FILE, exclusive(bob, 10, 19), false);
        assertEquals(LockStatus.BLOCKED, await(FILE, exclusive(alice, 10, 19)));
        assertEquals(LockStatus.DEADLOCK, await(FILE, exclusive(bob, 0, 9)));
        assertEquals(List.of(exclusive(alice, 10, 19)), locks.waiting(FILE));
    }

    @Test
    void aRequestThatMayNotWaitIsDeniedRatherThanCalledADeadlock() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(FILE, exclusive(bob, 10, 19), false);
        await(FILE, exclusive(alice, 10, 19));
        assertEquals(LockStatus.DENIED, locks.tryLock(FILE, exclusive(bob, 0, 9), false));
    }

    @Test
    void twoSharedHoldersUpgradingAtOnce() {
        locks.tryLock(FILE, shared(alice, 0, 9), false);
        locks.tryLock(FILE, shared(bob, 0, 9), false);
        assertEquals(LockStatus.BLOCKED, await(FILE, exclusive(alice, 0, 9)));
        assertEquals(LockStatus.DEADLOCK, await(FILE, exclusive(bob, 0, 9)));
    }

    @Test
    void aCycleOfThreeOwnersAcrossThreeFiles() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(OTHER_FILE, exclusive(bob, 0, 9), false);
        locks.tryLock(THIRD_FILE, exclusive(carol, 0, 9), false);
        assertEquals(LockStatus.BLOCKED, await(OTHER_FILE, exclusive(alice, 0, 9)));
        assertEquals(LockStatus.BLOCKED, await(THIRD_FILE, exclusive(bob, 0, 9)));
        assertEquals(LockStatus.DEADLOCK, await(FILE, exclusive(carol, 0, 9)));
    }

    @Test
    void aChainThatIsNotACycleWaits() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(OTHER_FILE, exclusive(bob, 0, 9), false);
        assertEquals(LockStatus.BLOCKED, await(FILE, exclusive(bob, 0, 9)));
        assertEquals(LockStatus.BLOCKED, await(OTHER_FILE, exclusive(carol, 0, 9)));
        locks.unlock(FILE, alice, ByteRange.whole());
        locks.unlock(OTHER_FILE, bob, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 0, 9), exclusive(carol, 0, 9)), grants.told);
    }

    @Test
    void theRefusedOwnerKeepsWhatItHoldsAndTheOtherIsGrantedOnceItUnlocks() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(FILE, exclusive(bob, 10, 19), false);
        await(FILE, exclusive(alice, 10, 19));
        await(FILE, exclusive(bob, 0, 9));
        assertEquals(List.of(exclusive(alice, 0, 9), exclusive(bob, 10, 19)),
                LockFixtures.heldInOrder(locks, FILE));
        locks.unlock(FILE, bob, ByteRange.whole());
        assertEquals(List.of(exclusive(alice, 10, 19)), grants.told);
    }

    @Test
    void aWithdrawnRequestNoLongerCountsAsWaiting() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(FILE, exclusive(bob, 10, 19), false);
        await(FILE, exclusive(alice, 10, 19));
        locks.cancel(FILE, exclusive(alice, 10, 19));
        assertEquals(LockStatus.BLOCKED, await(FILE, exclusive(bob, 0, 9)));
    }

    @Test
    void aGrantedRequestNoLongerCountsAsWaiting() {
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(FILE, exclusive(carol, 10, 19), false);
        await(FILE, exclusive(alice, 10, 19));
        locks.unlock(FILE, carol, ByteRange.whole());
        assertEquals(List.of(exclusive(alice, 10, 19)), grants.told);
        // were alice still counted as waiting for 10..19, carol holding it again would look like a cycle
        locks.unlock(FILE, alice, new ByteRange(10, 19));
        locks.tryLock(FILE, exclusive(carol, 10, 19), false);
        assertEquals(LockStatus.BLOCKED, await(FILE, exclusive(carol, 0, 9)));
    }
}
