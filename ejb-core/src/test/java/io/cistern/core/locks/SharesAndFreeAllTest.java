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

/** DOS share reservations, and dropping everything a host holds when it reboots. */
class SharesAndFreeAllTest {
    private static final int READ = ShareReservation.READ;
    private static final int WRITE = ShareReservation.WRITE;

    private final LockManager locks = LockFixtures.manager();
    private final LockOwner alice = owner("alpha", 0);
    private final LockOwner bob = owner("beta", 0);

    private LockStatus reserve(LockOwner owner, int access, int deny) {
        return locks.share(FILE, new ShareReservation(owner, access, deny), false);
    }

    @Test
    void aReaderDenyingWritersAdmitsOtherReadersOnly() {
        assertEquals(LockStatus.GRANTED, reserve(alice, READ, WRITE));
        assertEquals(LockStatus.GRANTED, reserve(bob, READ, 0));
        assertEquals(LockStatus.DENIED, reserve(owner("gamma", 0), READ | WRITE, 0));
        assertEquals(LockStatus.DENIED, reserve(owner("delta", 0), WRITE, 0));
    }

    @Test
    void aNewcomerMayNotDenyWhatAnotherAlreadyDoes() {
        reserve(alice, READ, 0);
        assertEquals(LockStatus.DENIED, reserve(bob, 0, READ));
        assertEquals(LockStatus.GRANTED, reserve(bob, 0, WRITE));
    }

    @Test
    void aRefusedReservationLeavesNoTrace() {
        reserve(alice, READ | WRITE, READ | WRITE);
        reserve(bob, READ, 0);
        assertEquals(List.of(new ShareReservation(alice, READ | WRITE, READ | WRITE)), locks.shares(FILE));
        locks.unshare(FILE, alice);
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void anOwnersNewReservationReplacesItsOld() {
        reserve(alice, READ, 0);
        assertEquals(LockStatus.GRANTED, reserve(alice, READ | WRITE, READ | WRITE));
        assertEquals(List.of(new ShareReservation(alice, READ | WRITE, READ | WRITE)), locks.shares(FILE));
        assertEquals(LockStatus.DENIED, reserve(bob, READ, 0));
    }

    @Test
    void unshareLetsOthersIn() {
        reserve(alice, READ, WRITE);
        assertEquals(LockStatus.DENIED, reserve(bob, WRITE, 0));
        assertEquals(LockStatus.GRANTED, locks.unshare(FILE, alice));
        assertEquals(LockStatus.GRANTED, reserve(bob, WRITE, 0));
        assertEquals(LockStatus.GRANTED, locks.unshare(FILE, owner("gamma", 0)));
    }

    @Test
    void reservationsAndByteRangeLocksDoNotMeet() {
        locks.tryLock(FILE, exclusive(alice, 0, ByteRange.END), false);
        assertEquals(LockStatus.GRANTED, reserve(bob, READ | WRITE, READ | WRITE));
        assertEquals(LockStatus.GRANTED, locks.tryLock(FILE, exclusive(alice, 0, 9), false));
    }

    @Test
    void freeAllDropsEveryLockRequestAndReservationOfTheHost() {
        LockOwner aliceOtherProcess = owner("alpha", 7);
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.tryLock(OTHER_FILE, shared(aliceOtherProcess, 0, 9), false);
        locks.tryLock(OTHER_FILE, exclusive(bob, 20, 29), false);
        Grants aliceTold = new Grants();
        locks.lockOrWait(OTHER_FILE, exclusive(alice, 20, 29), false, aliceTold);
        reserve(alice, READ, WRITE);

        locks.freeAll(LockManager.NLM, "alpha");

        assertEquals(List.of(), locks.held(FILE));
        assertEquals(List.of(), locks.shares(FILE));
        assertEquals(List.of(exclusive(bob, 20, 29)), locks.held(OTHER_FILE));
        assertEquals(List.of(), locks.waiting(OTHER_FILE));
        locks.unlock(OTHER_FILE, bob, ByteRange.whole());
        assertEquals(List.of(), aliceTold.told);
        assertEquals(0, locks.trackedFiles());
    }

    @Test
    void freeAllGrantsWhatTheHostsLocksHeldBack() {
        Grants bobTold = new Grants();
        locks.tryLock(FILE, exclusive(alice, 0, 9), false);
        locks.lockOrWait(FILE, exclusive(bob, 0, 9), false, bobTold);
        locks.freeAll(LockManager.NLM, "alpha");
        assertEquals(List.of(exclusive(bob, 0, 9)), bobTold.told);
        assertEquals(List.of(exclusive(bob, 0, 9)), locks.held(FILE));
    }

    @Test
    void freeAllLeavesOtherHostsAndOtherProtocolsAlone() {
        LockOwner aliceOverSmb = new LockOwner("smb", "alpha", new byte[] {1}, 1);
        LockOwner alphabet = owner("alphabet", 100);
        locks.tryLock(FILE, shared(aliceOverSmb, 0, 9), false);
        locks.tryLock(FILE, shared(alphabet, 0, 9), false);
        locks.tryLock(FILE, shared(alice, 0, 9), false);
        locks.freeAll(LockManager.NLM, "alpha");
        assertEquals(List.of(shared(aliceOverSmb, 0, 9), shared(alphabet, 0, 9)), locks.held(FILE));
    }
}
