package io.cistern.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The range bounds compare as PostgreSQL compares bytea (unsigned bytes, then length), which
 * {@link Arrays#compareUnsigned} does too: every hash falls into exactly one of the 256 ranges, the one of its first
 * byte, and a walk from the start visits all 256 and stops.
 */
class HashRangesTest {
    @Test
    void everyHashLiesInTheRangeOfItsFirstByte() {
        for (int first : new int[] {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff}) {
            for (byte fill : new byte[] {0x00, (byte) 0xff}) {
                byte[] hash = new byte[32];
                Arrays.fill(hash, fill);
                hash[0] = (byte) first;
                byte[] after = first == 0 ? HashRanges.start() : new byte[] {(byte) first};
                byte[] end = HashRanges.endOfRange(after);
                assertTrue(Arrays.compareUnsigned(hash, after) > 0, "above the lower bound");
                assertTrue(Arrays.compareUnsigned(hash, end) < 0, "below the upper bound");
                if (first > 0) {
                    byte[] previousEnd = HashRanges.endOfRange(new byte[] {(byte) (first - 1)});
                    assertFalse(Arrays.compareUnsigned(hash, previousEnd) < 0, "not in the previous range");
                }
            }
        }
    }

    @Test
    void aHashDoneMidRangeEndsAtTheSameBound() {
        byte[] hash = new byte[32];
        hash[0] = 0x42;
        hash[31] = 7;
        assertArrayEquals(new byte[] {0x43}, HashRanges.endOfRange(hash));
    }

    @Test
    void aWalkFromTheStartVisitsEveryRangeOnceAndEnds() {
        byte[] after = HashRanges.start();
        int ranges = 0;
        while (true) {
            byte[] end = HashRanges.endOfRange(after);
            ranges++;
            if (HashRanges.isLast(end)) {
                break;
            }
            after = end;
        }
        assertEquals(256, ranges);
        byte[] highest = new byte[32];
        Arrays.fill(highest, (byte) 0xff);
        assertTrue(Arrays.compareUnsigned(highest, HashRanges.endOfRange(highest)) < 0);
    }
}
