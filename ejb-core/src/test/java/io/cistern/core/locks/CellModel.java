package io.cistern.core.locks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The reference the lock manager is checked against: an owner's locks on a file as one state per byte, for bytes
 * 0..CELLS-1 and one more cell standing for every byte from CELLS to the end. Random ranges are drawn so that this
 * is exact: a range either ends before CELLS or reaches the end.
 */
final class CellModel {
    static final int CELLS = 24;
    static final byte FREE = 0;
    static final byte SHARED = 1;
    static final byte EXCLUSIVE = 2;

    private CellModel() {
    }

    static byte[] empty() {
        return new byte[CELLS + 1];
    }

    static ByteRange randomRange(Random random) {
        int first = random.nextInt(CELLS + 1);
        if (first == CELLS || random.nextInt(6) == 0) {
            return ByteRange.of(first, 0);
        }
        return ByteRange.of(first, 1 + random.nextInt(CELLS - first));
    }

    static int lastCell(ByteRange range) {
        if (range.reachesEnd()) {
            return CELLS;
        }
        if (range.last() >= CELLS) {
            fail(range + " ends between the modelled bytes and the end");
        }
        return (int) range.last();
    }

    static void apply(byte[] cells, ByteRange range, byte state) {
        for (int cell = (int) range.first(); cell <= lastCell(range); cell++) {
            cells[cell] = state;
        }
    }

    static byte kind(boolean exclusive) {
        return exclusive ? EXCLUSIVE : SHARED;
    }

    static boolean conflicts(byte[] othersCells, ByteRange range, boolean exclusive) {
        for (int cell = (int) range.first(); cell <= lastCell(range); cell++) {
            if (othersCells[cell] == EXCLUSIVE || (othersCells[cell] == SHARED && exclusive)) {
                return true;
            }
        }
        return false;
    }

    /** The owner's held locks, checked to be in POSIX normal form, as cells. */
    static byte[] cellsOf(List<RangeLock> held, LockOwner owner) {
        List<RangeLock> own = new ArrayList<>();
        for (RangeLock lock : held) {
            if (lock.owner().equals(owner)) {
                own.add(lock);
            }
        }
        own.sort((a, b) -> Long.compare(a.range().first(), b.range().first()));
        byte[] cells = empty();
        for (int i = 0; i < own.size(); i++) {
            RangeLock lock = own.get(i);
            if (i > 0) {
                RangeLock before = own.get(i - 1);
                assertTrue(before.range().last() < lock.range().first(), () -> "overlapping own locks " + own);
                assertTrue(before.exclusive() != lock.exclusive() || !before.range().touches(lock.range()),
                        () -> "unmerged own locks " + own);
            }
            apply(cells, lock.range(), kind(lock.exclusive()));
        }
        return cells;
    }

    static void assertOwnLocks(byte[] expected, List<RangeLock> held, LockOwner owner) {
        assertArrayEquals(expected, cellsOf(held, owner), () -> owner + " holds " + held);
    }

    static void assertNoConflicts(List<RangeLock> held) {
        for (int i = 0; i < held.size(); i++) {
            for (int j = i + 1; j < held.size(); j++) {
                if (held.get(i).conflictsWith(held.get(j))) {
                    fail("conflicting locks held at once: " + held.get(i) + " and " + held.get(j));
                }
            }
        }
    }
}
