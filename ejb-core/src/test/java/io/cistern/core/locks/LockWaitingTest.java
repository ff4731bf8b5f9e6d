package io.cistern.core.locks;

import static io.cistern.core.locks.LockFixtures.FILE;
import static io.cistern.core.locks.LockFixtures.OTHER_FILE;
import static io.cistern.core.locks.LockFixtures.exclusive;
import static io.cistern.core.locks.LockFixtures.heldInOrder;
import static io.cistern.core.locks.LockFixtures.owner;
import static io.cistern.core.locks.LockFixtures.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.locks.LockFixtures.Grants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Blocking requests: queued in order, granted as conflicts go, told outside the lock, withdrawn by cancel. */
class LockWaitingTest {
    private final LockManager locks = LockFixtures.manager();
    private final LockOwner alice = owner("alpha", 100);
    private final LockOwner bob = owner("beta", 200);
    private final LockOwner carol = owner("gamma", 300);
    private final LockOwner dave = owner("delta", 400);
    /** Every grant in the order the callbacks ran, whoever it was for. */
    private final List<RangeLock> told = Collections.synchronizedList(new ArrayList<>());

    private LockStatus take(RangeLock lock) {
        return locks.tryLock(FILE, lock, false);
    }

    private LockStatus await(RangeLock lock) {
        return locks.lockOrWait(FILE, lock, false, told::add);
    }

    @Test
    void aBlockedRequestIsGrantedWhenTheHolderUnlocks() {
        take(exclusive(alice, 0, 9));
        assertEquals(LockStatus.BLOCKED, await(exclusive(bob, 5, 14)));
        assertEquals(List.of(exclusive(bob, 5, 14)), locks.waiting(FILE));
        assertEquals(List.of(), told);
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 5, 14)), told);
        assertEquals(List.of(exclusive(bob, 5, 14)), locks.held(FILE));
        assertEquals(List.of(), locks.waiting(FILE));
    }

    @Test
    void aRequestThatDoesNotConflictIsGrantedAtOnceWithoutACallback() {
        take(exclusive(alice, 0, 9));
        assertEquals(LockStatus.GRANTED, await(exclusive(bob, 10, 19)));
        assertEquals(List.of(), told);
        assertEquals(List.of(), locks.waiting(FILE));
    }

    @Test
    void aRefusedRequestThatMayNotWaitIsNotQueued() {
        take(exclusive(alice, 0, 9));
        assertEquals(LockStatus.DENIED, take(exclusive(bob, 0, 9)));
        assertEquals(List.of(), locks.waiting(FILE));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(), locks.held(FILE));
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void waitersOfAFileAreGrantedInArrivalOrder() {
        take(exclusive(alice, 0, 9));
        await(exclusive(bob, 0, 9));
        await(exclusive(carol, 0, 9));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 0, 9)), told);
        assertEquals(List.of(exclusive(carol, 0, 9)), locks.waiting(FILE));
        locks.unlock(FILE, bob, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 0, 9), exclusive(carol, 0, 9)), told);
    }

    @Test
    void everyWaiterThatFitsIsGrantedInOnePass() {
        take(exclusive(alice, 0, 9));
        await(shared(bob, 0, 9));
        await(shared(carol, 0, 9));
        await(exclusive(dave, 5, 5));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(shared(bob, 0, 9), shared(carol, 0, 9)), told);
        assertEquals(List.of(exclusive(dave, 5, 5)), locks.waiting(FILE));
    }

    @Test
    void aLaterWaiterIsNotHeldBackByAnEarlierOneStillBlocked() {
        take(exclusive(alice, 0, 9));
        take(exclusive(dave, 20, 29));
        await(exclusive(bob, 0, 29));
        await(exclusive(carol, 0, 9));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(exclusive(carol, 0, 9)), told);
        assertEquals(List.of(exclusive(bob, 0, 29)), locks.waiting(FILE));
    }

    @Test
    void unlockingPartOfARangeGrantsOnlyWaitersThatNowFit() {
        take(exclusive(alice, 0, 99));
        await(exclusive(bob, 0, 9));
        locks.unlock(FILE, alice, new ByteRange(50, 99));
        assertEquals(List.of(), told);
        locks.unlock(FILE, alice, new ByteRange(0, 9));
        assertEquals(List.of(exclusive(bob, 0, 9)), told);
    }

    @Test
    void aDowngradeGrantsSharedWaiters() {
        take(exclusive(alice, 0, 9));
        await(shared(bob, 0, 9));
        assertEquals(LockStatus.GRANTED, take(shared(alice, 0, 9)));
        assertEquals(List.of(shared(bob, 0, 9)), told);
    }

    /**
     * Bob waits for alice's exclusive lock; alice waits behind dave to turn hers into a wider shared one. When dave
     * unlocks, alice's grant downgrades her lock, which lets bob in though he was scanned first.
     */
    @Test
    void aWaitersGrantThatDowngradesReachesWaitersBeforeIt() {
        take(exclusive(alice, 0, 9));
        take(exclusive(dave, 10, 19));
        await(shared(bob, 0, 9));
        await(shared(alice, 0, 19));
        locks.unlock(FILE, dave, ByteRange.whole());
        assertEquals(List.of(shared(alice, 0, 19), shared(bob, 0, 9)), told);
        assertEquals(List.of(shared(alice, 0, 19), shared(bob, 0, 9)), heldInOrder(locks, FILE));
    }

    @Test
    void callbacksRunOutsideTheManagersLock() throws Exception {
        take(exclusive(alice, 0, 9));
        List<LockStatus> seenFromAnotherThread = Collections.synchronizedList(new ArrayList<>());
        locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, lock -> {
            // under the manager's lock this other thread could not get in, and the join would time out
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                seenFromAnotherThread.add(locks.test(FILE, exclusive(carol, 0, 9)).status());
                seenFromAnotherThread.add(locks.tryLock(OTHER_FILE, exclusive(carol, 0, 9), false));
            });
            other.orTimeout(5, TimeUnit.SECONDS).join();
        });
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(LockStatus.DENIED, LockStatus.GRANTED), seenFromAnotherThread);
    }

    @Test
    void aCallbackMayUnlockAndSoGrantTheNextWaiter() {
        take(exclusive(alice, 0, 9));
        locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, lock -> {
            told.add(lock);
            locks.unlock(FILE, bob, ByteRange.whole());
        });
        await(exclusive(carol, 0, 9));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 0, 9), exclusive(carol, 0, 9)), told);
        assertEquals(List.of(exclusive(carol, 0, 9)), locks.held(FILE));
    }

    @Test
    void aWaiterWhoseCallbackFailsDoesNotKeepTheLock() {
        take(exclusive(alice, 0, 9));
        locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, lock -> {
            throw new IllegalStateException("the client is gone");
        });
        await(exclusive(carol, 0, 9));
        assertEquals(LockStatus.GRANTED, locks.unlock(FILE, alice, ByteRange.whole()));
        assertEquals(List.of(exclusive(carol, 0, 9)), told);
        assertEquals(List.of(exclusive(carol, 0, 9)), locks.held(FILE));
    }

    @Test
    void aFailedCallbackReleasesOnlyTheRangeItWasGranted() {
        take(shared(bob, 100, 199));
        take(exclusive(alice, 0, 9));
        locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, lock -> {
            throw new IllegalStateException("the client is gone");
        });
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(shared(bob, 100, 199)), locks.held(FILE));
    }

    @Test
    void theSameRequestAgainKeepsItsPlaceAndIsToldThroughTheNewestCallback() {
        Grants first = new Grants();
        Grants second = new Grants();
        take(exclusive(alice, 0, 9));
        locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, first);
        await(exclusive(carol, 0, 9));
        assertEquals(LockStatus.BLOCKED, locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, second));
        assertEquals(List.of(exclusive(bob, 0, 9), exclusive(carol, 0, 9)), locks.waiting(FILE));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(), first.told);
        assertEquals(List.of(exclusive(bob, 0, 9)), second.told);
        assertEquals(List.of(), told);
    }

    @Test
    void cancelWithdrawsAQueuedRequest() {
        take(exclusive(alice, 0, 9));
        await(exclusive(bob, 0, 9));
        assertEquals(LockStatus.GRANTED, locks.cancel(FILE, exclusive(bob, 0, 9)));
        assertEquals(List.of(), locks.waiting(FILE));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(), told);
        assertEquals(List.of(), locks.held(FILE));
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void cancelMatchesOnlyTheSameOwnerRangeAndKind() {
        take(exclusive(alice, 0, 9));
        await(exclusive(bob, 0, 9));
        assertEquals(LockStatus.DENIED, locks.cancel(FILE, shared(bob, 0, 9)));
        assertEquals(LockStatus.DENIED, locks.cancel(FILE, exclusive(bob, 0, 8)));
        assertEquals(LockStatus.DENIED, locks.cancel(FILE, exclusive(carol, 0, 9)));
        assertEquals(LockStatus.DENIED, locks.cancel(OTHER_FILE, exclusive(bob, 0, 9)));
        assertEquals(List.of(exclusive(bob, 0, 9)), locks.waiting(FILE));
    }

    @Test
    void cancellingALockAlreadyGrantedLeavesItHeld() {
        take(exclusive(alice, 0, 9));
        await(exclusive(bob, 0, 9));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(LockStatus.DENIED, locks.cancel(FILE, exclusive(bob, 0, 9)));
        assertEquals(List.of(exclusive(bob, 0, 9)), locks.held(FILE));
    }

    @Test
    void unlockingWithdrawsTheOwnersRequestsWithinTheRange() {
        take(exclusive(alice, 0, 99));
        await(exclusive(bob, 0, 9));
        await(exclusive(bob, 50, 150));
        locks.unlock(FILE, bob, new ByteRange(0, 99));
        assertEquals(List.of(exclusive(bob, 50, 150)), locks.waiting(FILE));
        locks.unlock(FILE, alice, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 50, 150)), told);
    }

    @Test
    void everyQueuedRequestConflictsWithAHeldLock() {
        take(exclusive(alice, 0, 9));
        take(shared(dave, 20, 29));
        await(exclusive(bob, 5, 25));
        await(shared(carol, 0, 0));
        locks.unlock(FILE, alice, new ByteRange(0, 4));
        locks.unlock(FILE, dave, ByteRange.whole());
        assertEquals(List.of(exclusive(bob, 5, 25)), locks.waiting(FILE));
        for (RangeLock waiting : locks.waiting(FILE)) {
            assertTrue(locks.held(FILE).stream().anyMatch(waiting::conflictsWith), waiting + " could be granted");
        }
        assertEquals(List.of(shared(carol, 0, 0)), told);
    }
}
