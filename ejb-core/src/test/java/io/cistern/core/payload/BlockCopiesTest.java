package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A journal copy of a block counts only when the journal's writes cover the whole block, in whatever order. */
class BlockCopiesTest {
    private static JournalExtent extent(long sequence, int offset, int length) {
        return new JournalExtent(sequence, offset, length, 0);
    }

    @Test
    void writesThatTogetherCoverTheBlockInAnyOrderCoverIt() {
        assertTrue(BlockCopies.covers(List.of(extent(1, 0, 4096)), 4096));
        assertTrue(BlockCopies.covers(List.of(extent(2, 2048, 2048), extent(1, 0, 2048)), 4096));
        assertTrue(BlockCopies.covers(List.of(extent(1, 0, 3000), extent(2, 1000, 3096)), 4096), "overlapping");
        assertTrue(BlockCopies.covers(List.of(extent(1, 0, 8192)), 4096), "a block shorter than the writes");
    }

    @Test
    void aGapAMissingStartOrAMissingEndIsNoCopy() {
        assertFalse(BlockCopies.covers(List.of(), 4096));
        assertFalse(BlockCopies.covers(List.of(extent(1, 0, 2000), extent(2, 2001, 2095)), 4096), "one byte missing");
        assertFalse(BlockCopies.covers(List.of(extent(1, 1, 4095)), 4096), "the first byte missing");
        assertFalse(BlockCopies.covers(List.of(extent(1, 0, 4095)), 4096), "the last byte missing");
        assertFalse(BlockCopies.covers(List.of(extent(1, 0, 10)), 0), "an empty block has no copy to put");
    }
}
