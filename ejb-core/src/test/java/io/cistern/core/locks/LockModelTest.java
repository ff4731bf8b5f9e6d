package io.cistern.core.locks;

import static io.cistern.core.locks.CellModel.FREE;
import static io.cistern.core.locks.CellModel.assertNoConflicts;
import static io.cistern.core.locks.CellModel.assertOwnLocks;
import static io.cistern.core.locks.LockFixtures.FILE;
import static io.cistern.core.locks.LockFixtures.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random lock, unlock and test calls by four owners, each answer and the whole state after it compared with the
 * per-byte reference: the merge, split, upgrade and downgrade rules must come out exactly as POSIX describes them.
 */
class LockModelTest {
    private static final int OPERATIONS = 3000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomOperationsMatchTheReference(long seed) {
        Random random = new Random(seed);
        LockManager locks = LockFixtures.manager();
        Map<LockOwner, byte[]> model = new LinkedHashMap<>();
        for (LockOwner owner : List.of(owner("alpha", 1), owner("alpha", 2), owner("beta", 1),
                new LockOwner("smb", "alpha", "1@alpha".getBytes(), 1))) {
            model.put(owner, CellModel.empty());
        }
        List<LockOwner> owners = List.copyOf(model.keySet());
        for (int i = 0; i < OPERATIONS; i++) {
            LockOwner who = owners.get(random.nextInt(owners.size()));
            ByteRange range = CellModel.randomRange(random);
            boolean exclusive = random.nextBoolean();
            RangeLock request = new RangeLock(who, range, exclusive);
            boolean conflict = conflictsInModel(model, request);
            switch (random.nextInt(5)) {
                case 0, 1, 2 -> {
                    assertEquals(conflict ? LockStatus.DENIED : LockStatus.GRANTED, locks.tryLock(FILE, request, false),
                            () -> "lock " + request);
                    if (!conflict) {
                        CellModel.apply(model.get(who), range, CellModel.kind(exclusive));
                    }
                }
                case 3 -> {
                    locks.unlock(FILE, who, range);
                    CellModel.apply(model.get(who), range, FREE);
                }
                default -> checkTest(locks, request, conflict);
            }
            List<RangeLock> held = locks.held(FILE);
            assertNoConflicts(held);
            for (LockOwner owner : owners) {
                assertOwnLocks(model.get(owner), held, owner);
            }
        }
        owners.forEach(owner -> locks.unlock(FILE, owner, ByteRange.whole()));
        assertEquals(0, locks.trackedFiles());
    }

    private static boolean conflictsInModel(Map<LockOwner, byte[]> model, RangeLock request) {
        for (Map.Entry<LockOwner, byte[]> other : model.entrySet()) {
            if (!other.getKey().equals(request.owner())
                    && CellModel.conflicts(other.getValue(), request.range(), request.exclusive())) {
                return true;
            }
        }
        return false;
    }

    private static void checkTest(LockManager locks, RangeLock request, boolean conflict) {
        LockTestResult result = locks.test(FILE, request);
        assertEquals(conflict ? LockStatus.DENIED : LockStatus.GRANTED, result.status(), () -> "test " + request);
        if (conflict) {
            assertTrue(result.holder().conflictsWith(request), () -> result.holder() + " named for " + request);
            assertTrue(locks.held(FILE).contains(result.holder()), () -> result.holder() + " is not held");
        }
    }
}
