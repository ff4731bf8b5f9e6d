package io.cistern.core.payload;

import static io.cistern.core.payload.Harness.BLOCK;
import static io.cistern.core.payload.Harness.INODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.RecordKind;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the index tells attributes and the uploader beyond the bytes: the size overlay, settling, discarding. */
class JournalIndexOverlayTest {

    @Test
    void theOverlayExtendsTheStoredSizeWithWritesAndReplacesItWithATruncation() {
        Harness h = new Harness();
        assertEquals(SizeOverlay.NONE, h.index.sizeOverlay(INODE));
        assertEquals(1234, h.index.sizeOverlay(INODE).applyTo(1234));

        h.add(h.write(BLOCK + 10, new byte[5]));
        assertEquals(BLOCK + 15, h.index.sizeOverlay(INODE).applyTo(0));
        assertEquals(5 * BLOCK, h.index.sizeOverlay(INODE).applyTo(5 * BLOCK), "a write inside keeps a larger size");

        h.add(h.truncate(100));
        assertEquals(100, h.index.sizeOverlay(INODE).applyTo(5 * BLOCK), "the truncation replaces the stored size");
        h.add(h.write(50, new byte[100]));
        assertEquals(150, h.index.sizeOverlay(INODE).applyTo(5 * BLOCK), "later writes extend it again");
        assertEquals(h.index.size(INODE, 5 * BLOCK), h.index.sizeOverlay(INODE).applyTo(5 * BLOCK));
    }

    @Test
    void pendingTruncationsTellTheLastSizeAsWellAsTheLowest() {
        Harness h = new Harness();
        h.add(h.truncate(10));
        h.add(h.truncate(3 * BLOCK));
        PendingTruncation pending = h.index.pendingTruncations().get(0);
        assertEquals(10, pending.lowestSize());
        assertEquals(3 * BLOCK, pending.lastSize());
    }

    @Test
    void aBlockStillBeingWrittenIsNotDirtyUntilItSettles() {
        JournalIndex index = new JournalIndex();
        long t0 = 1_000_000_000L;
        index.add(write(1, 0, 10), t0);
        index.add(write(2, BLOCK, 10), t0 + 5_000);
        assertEquals(List.of(new DirtyBlock(INODE, 0, 1, 10)), index.dirtyBlocks(t0 + 1_000),
                "block 1 was written after the quiet point");
        assertEquals(2, index.dirtyBlocks(t0 + 10_000).size());
        assertEquals(2, index.dirtyBlocks(JournalIndex.ANY_AGE).size());
        assertEquals(2, index.dirtyBlocks().size());
    }

    @Test
    void replayedRecordsAreOldEnoughToUploadAtOnce() {
        JournalIndex index = new JournalIndex();
        index.add(write(1, 0, 10), JournalIndex.REPLAYED);
        assertEquals(1, index.dirtyBlocks(System.nanoTime()).size());
    }

    @Test
    void discardingAFileForgetsItAndFreesTheJournalBehindIt() {
        JournalIndex index = new JournalIndex();
        index.add(write(1, 0, 10));
        index.add(new JournalRecord(2, RecordKind.WRITE, INODE + 1, 0, ByteBuffer.wrap(new byte[3])));
        assertEquals(0, index.releasableThrough());
        index.discard(INODE);
        assertEquals(1, index.releasableThrough());
        assertFalse(index.inodeIds().contains(INODE));
        assertTrue(index.inodeIds().contains(INODE + 1));
        index.discard(INODE + 1);
        assertTrue(index.isEmpty());
        assertEquals(2, index.releasableThrough());
    }

    private static JournalRecord write(long sequence, long offset, int length) {
        return new JournalRecord(sequence, RecordKind.WRITE, INODE, offset, ByteBuffer.wrap(new byte[length]));
    }
}
