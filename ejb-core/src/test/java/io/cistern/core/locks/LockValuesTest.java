package io.cistern.core.locks;

import static io.cistern.core.locks.LockFixtures.END;
import static io.cistern.core.locks.LockFixtures.exclusive;
import static io.cistern.core.locks.LockFixtures.owner;
import static io.cistern.core.locks.LockFixtures.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockValuesTest {

    @Test
    void aLengthOfZeroReachesTheEnd() {
        assertEquals(new ByteRange(100, END), ByteRange.of(100, 0));
        assertTrue(ByteRange.of(100, 0).reachesEnd());
        assertEquals(0, ByteRange.of(100, 0).length());
    }

    @Test
    void anOrdinaryRangeEndsAtOffsetPlusLengthMinusOne() {
        assertEquals(new ByteRange(10, 19), ByteRange.of(10, 10));
        assertEquals(10, ByteRange.of(10, 10).length());
        assertEquals(new ByteRange(0, 0), ByteRange.of(0, 1));
    }

    @Test
    void lengthsReachingPastTheLastByteAreClampedToTheEnd() {
        // exactly to the last byte, one past it, uint64 all-ones (-1), and an offset+length that overflows 64 bits
        assertEquals(new ByteRange(1, END), ByteRange.of(1, Long.MAX_VALUE));
        assertEquals(new ByteRange(2, END), ByteRange.of(2, Long.MAX_VALUE));
        assertEquals(new ByteRange(5, END), ByteRange.of(5, -1L));
        assertEquals(new ByteRange(1L << 62, END), ByteRange.of(1L << 62, (1L << 63) + 5));
        assertEquals(new ByteRange(END, END), ByteRange.of(END, 1));
        assertEquals(new ByteRange(END, END), ByteRange.of(END, 2));
    }

    @Test
    void theLargestRangeShortOfTheEndStaysFinite() {
        ByteRange almost = ByteRange.of(0, Long.MAX_VALUE);
        assertEquals(new ByteRange(0, END - 1), almost);
        assertFalse(almost.reachesEnd());
        assertEquals(Long.MAX_VALUE, almost.length());
        assertEquals(new ByteRange(END - 1, END - 1), ByteRange.of(END - 1, 1));
    }

    @Test
    void anOffsetPastTheLastByteIsNoRange() {
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(-1L, 1));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(Long.MIN_VALUE, 0));
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(5, 4));
    }

    @Test
    void touchingRangesDoNotOverlapButTouch() {
        ByteRange low = new ByteRange(0, 9);
        ByteRange high = new ByteRange(10, 19);
        assertFalse(low.overlaps(high));
        assertFalse(high.overlaps(low));
        assertTrue(low.touches(high));
        assertTrue(high.touches(low));
        assertFalse(low.touches(new ByteRange(11, 19)));
        assertTrue(low.overlaps(new ByteRange(9, 9)));
    }

    @Test
    void rangesAtTheLastByteDoNotOverflowWhenCheckedForTouching() {
        ByteRange last = new ByteRange(END, END);
        ByteRange before = new ByteRange(0, END - 1);
        assertTrue(last.touches(before));
        assertTrue(before.touches(last));
        assertFalse(last.overlaps(before));
        assertFalse(new ByteRange(5, END).touches(new ByteRange(0, 3)));
    }

    @Test
    void subtractingLeavesTheOutsidePieces() {
        ByteRange whole = new ByteRange(0, 99);
        assertEquals(List.of(new ByteRange(0, 39), new ByteRange(60, 99)), whole.minus(new ByteRange(40, 59)));
        assertEquals(List.of(new ByteRange(50, 99)), whole.minus(new ByteRange(0, 49)));
        assertEquals(List.of(new ByteRange(0, 49)), whole.minus(new ByteRange(50, END)));
        assertEquals(List.of(), whole.minus(ByteRange.whole()));
        assertEquals(List.of(whole), whole.minus(new ByteRange(100, 200)));
        assertEquals(List.of(new ByteRange(0, 9), new ByteRange(21, END)),
                ByteRange.whole().minus(new ByteRange(10, 20)));
    }

    @Test
    void ownersAreEqualByTheContentsOfTheirHandles() {
        LockOwner one = new LockOwner("nlm", "alpha", new byte[] {1, 2}, 7);
        assertEquals(one, new LockOwner("nlm", "alpha", new byte[] {1, 2}, 7));
        assertEquals(one.hashCode(), new LockOwner("nlm", "alpha", new byte[] {1, 2}, 7).hashCode());
        assertNotEquals(one, new LockOwner("nlm", "alpha", new byte[] {1, 3}, 7));
        assertNotEquals(one, new LockOwner("nlm", "alpha", new byte[] {1, 2}, 8));
        assertNotEquals(one, new LockOwner("nlm", "beta", new byte[] {1, 2}, 7));
        assertNotEquals(one, new LockOwner("smb", "alpha", new byte[] {1, 2}, 7));
    }

    @Test
    void anOwnersHandleCannotBeChangedFromOutside() {
        byte[] bytes = {1, 2};
        LockOwner owner = new LockOwner("nlm", "alpha", bytes, 7);
        bytes[0] = 9;
        owner.handle()[1] = 9;
        assertEquals(new LockOwner("nlm", "alpha", new byte[] {1, 2}, 7), owner);
    }

    @Test
    void onlyOtherOwnersConflictAndOnlyWithAnExclusiveLock() {
        LockOwner a = owner("alpha", 1);
        LockOwner b = owner("beta", 1);
        assertFalse(shared(a, 0, 9).conflictsWith(shared(b, 0, 9)));
        assertTrue(shared(a, 0, 9).conflictsWith(exclusive(b, 9, 9)));
        assertTrue(exclusive(a, 0, 9).conflictsWith(shared(b, 5, 20)));
        assertFalse(exclusive(a, 0, 9).conflictsWith(exclusive(a, 0, 9)));
        assertFalse(exclusive(a, 0, 9).conflictsWith(exclusive(b, 10, 20)));
    }

    @Test
    void shareReservationsConflictWhenOnesAccessIsTheOthersDenial() {
        LockOwner a = owner("alpha", 0);
        LockOwner b = owner("beta", 0);
        int read = ShareReservation.READ;
        int write = ShareReservation.WRITE;
        ShareReservation readDenyingWrite = new ShareReservation(a, read, write);
        assertFalse(readDenyingWrite.conflictsWith(new ShareReservation(b, read, 0)));
        assertTrue(readDenyingWrite.conflictsWith(new ShareReservation(b, write, 0)));
        assertTrue(readDenyingWrite.conflictsWith(new ShareReservation(b, 0, read)));
        assertFalse(readDenyingWrite.conflictsWith(new ShareReservation(b, read, write)));
        assertFalse(readDenyingWrite.conflictsWith(new ShareReservation(a, write, read | write)));
        assertThrows(IllegalArgumentException.class, () -> new ShareReservation(a, 8, 0));
    }
}
