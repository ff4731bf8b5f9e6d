package io.cistern.core.payload;

import static io.cistern.core.payload.Harness.BLOCK;
import static io.cistern.core.payload.Harness.INODE;
import static io.cistern.core.payload.Harness.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.journal.JournalRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockAssemblerTest {
    private final Harness h = new Harness();

    @Test
    void theLaterWriteWinsWhereWritesOverlap() throws Exception {
        JournalRecord first = h.write(0, filled(100, 1));
        JournalRecord second = h.write(50, filled(100, 2));
        JournalRecord third = h.write(20, filled(10, 3));
        h.add(second);
        h.add(third);
        h.add(first);   // added last, but oldest: it must not win

        assertModel();
        byte[] block = h.assembled(0);
        assertEquals(150, block.length);
        assertEquals(1, block[0]);
        assertEquals(3, block[25]);
        assertEquals(1, block[40]);
        assertEquals(2, block[60]);
    }

    @Test
    void aWriteAcrossTheBoundaryIsInBothBlocks() throws Exception {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        h.add(h.write(BLOCK - 300, data));

        assertModel();
        assertEquals(BLOCK, h.assembled(0).length);
        assertArrayEquals(Arrays.copyOfRange(data, 300, 1000), h.assembled(1));
    }

    @Test
    void holesReadAsZeros() throws Exception {
        h.add(h.write(BLOCK + BLOCK / 2, filled(10, 9)));

        assertArrayEquals(new byte[BLOCK], h.assembled(0));
        byte[] second = h.assembled(1);
        assertEquals(BLOCK / 2 + 10, second.length);
        assertArrayEquals(new byte[BLOCK / 2], Arrays.copyOf(second, BLOCK / 2));
        assertModel();
    }

    @Test
    void truncateThenExtendReadsZerosNotOldData() throws Exception {
        h.store.put(0L, filled(BLOCK, 7));      // a stored file of 2 blocks of 7s
        h.store.put(1L, filled(BLOCK, 7));
        h.model.write(0, filled(2 * BLOCK, 7));

        h.add(h.truncate(100));
        h.add(h.write(200, filled(10, 5)));     // the gap 100..200 is a hole now
        h.add(h.truncate(BLOCK + 10));          // growing by truncation: zeros again, not the old 7s

        assertModel();
        byte[] block = h.assembled(0);
        assertEquals(7, block[99]);
        assertEquals(0, block[100]);
        assertEquals(5, block[205]);
        assertEquals(0, block[BLOCK - 1]);
        assertArrayEquals(new byte[10], h.assembled(1));
    }

    @Test
    void theLastBlockIsShortAndBlocksPastTheEndAreEmpty() throws Exception {
        for (long b = 0; b < 3; b++) {
            h.store.put(b, filled(BLOCK, 7));   // blocks 1 and 2 are stale: the truncation is not uploaded yet
        }
        h.model.write(0, filled(3 * BLOCK, 7));
        h.add(h.truncate(BLOCK + 123));

        assertEquals(123, h.assembled(1).length);
        assertEquals(0, h.assembled(2).length);
        assertEquals(0, h.assembled(9).length);
        assertModel();
    }

    @Test
    void readsARangeWithinABlock() throws Exception {
        h.store.put(1L, filled(1000, 7));
        h.model.write(BLOCK, filled(1000, 7));
        h.add(h.write(BLOCK + 10, filled(5, 3)));
        long size = h.model.size();

        byte[] range = h.assembler.read(INODE, BLOCK + 8, 10, size, Harness.loaderOf(ByteBuffer.wrap(h.store.get(1L))));
        assertArrayEquals(new byte[] {7, 7, 3, 3, 3, 3, 3, 7, 7, 7}, range);
        assertEquals(4, h.assembler.read(INODE, BLOCK + 996, 100, size, Harness.loaderOf(ByteBuffer.wrap(h.store.get(1L)))).length,
                "short at the end of the file");
        assertEquals(0, h.assembler.read(INODE, BLOCK + 2000, 100, size, (from, to) -> null).length, "past the end");
        assertThrows(IllegalArgumentException.class, () -> h.assembler.read(INODE, BLOCK - 5, 10, size, (from, to) -> null));
    }

    @Test
    void aReleasedRecordAsksForARetry() throws Exception {
        h.add(h.write(0, filled(10, 1)));
        h.payloads.clear();

        assertThrows(ExtentGoneException.class, () -> h.assembled(0));
    }

    @Test
    void assemblingThroughASequenceLeavesNewerRecordsOut() throws Exception {
        h.add(h.write(0, filled(10, 1)));
        h.add(h.write(5, filled(10, 2)));

        byte[] sealed = h.assembler.assembleThrough(INODE, 0, 15, 1, (from, to) -> null);
        assertArrayEquals(Arrays.copyOf(filled(10, 1), 15), sealed);
    }

    @Test
    void uploadingLeavesTheSameBytes() throws Exception {
        h.add(h.write(BLOCK - 5, filled(10, 1)));
        h.add(h.truncate(BLOCK - 2));
        h.add(h.write(3 * BLOCK, filled(10, 2)));
        h.upload();
        assertEquals(0, h.index.releasableThrough() - h.index.addedThrough());
        assertEquals(0, h.payloads.size());
        assertModel();
    }

    @Test
    void anUntouchedStoredBlockIsReadAsTheLoadersViewAndAWrittenOneAsACopy() throws Exception {
        h.store.put(0L, filled(BLOCK, 7));
        h.model.write(0, filled(BLOCK, 7));
        ByteBuffer cached = ByteBuffer.allocateDirect(1000).put(filled(1000, 7)).flip();
        AtomicInteger unpinned = new AtomicInteger();
        BlockAssembler.BaseLoader pinning = new BlockAssembler.BaseLoader() {
            @Override
            public ByteBuffer load(int from, int to) {
                throw new AssertionError("a held read must view, not load a copy");
            }

            @Override
            public BlockView view(int from, int to) {
                return BlockView.pinned(cached, unpinned::incrementAndGet);
            }
        };

        BlockView view = h.assembler.readHeld(INODE, 100, 1000, h.model.size(), pinning);
        assertTrue(view.bytes().isDirect(), "the loader's bytes themselves: no copy");
        assertEquals(ByteBuffer.wrap(filled(1000, 7)), view.bytes());
        assertEquals(0, unpinned.get(), "held until the reader is done");
        view.release();
        view.release();
        assertEquals(1, unpinned.get(), "released once, however often the reader says so");

        h.add(h.write(500, filled(10, 3)));
        BlockView assembled = h.assembler.readHeld(INODE, 100, 1000, h.model.size(), pinning);
        assertEquals(2, unpinned.get(), "a copy assembled over the journal lets the loaded bytes go at once");
        assertFalse(assembled.bytes().isDirect());
        assembled.release();
        ByteBuffer written = shared(100, 1000);
        assertEquals(3, written.get(400));
        assertEquals(7, written.get(399));
        assertModel();
    }

    private ByteBuffer shared(long offset, int length) throws Exception {
        long block = offset / BLOCK;
        return h.assembler.readHeld(INODE, offset, length, h.model.size(), Harness.loaderOf(h.base(block))).detach();
    }

    /** Every block as a whole, and pieces of each through readHeld (view or copy), against the model. */
    @Test
    void aFullBlockSealedIntoAUsedSlabHasZerosWhereNothingWasWritten() throws Exception {
        h.add(h.write(0, filled(1000, 1)));
        h.upload();   // block 0 stored 1,000 bytes long: the base covers only its start
        h.add(h.write(BLOCK / 2, filled(100, 2)));
        h.add(h.write(BLOCK - 10, filled(30, 3)));
        h.add(h.write(BLOCK - 300, filled(10, 4)));
        h.add(h.truncate(BLOCK + 5));
        ByteBuffer slab = ByteBuffer.allocateDirect(BLOCK);
        for (int at = 0; at < BLOCK; at += 1000) {
            slab.put(at, filled(Math.min(1000, BLOCK - at), 0x5A));   // another block's bytes
        }

        ByteBuffer sealed = h.assembler.assembleThroughInto(INODE, 0, h.model.size(), h.nextSequence - 1,
                Harness.loaderOf(h.base(0)), slab);

        assertSame(slab, sealed);
        assertEquals(0, sealed.position());
        byte[] bytes = new byte[sealed.remaining()];
        sealed.get(0, bytes);
        assertArrayEquals(h.model.block(0), bytes);
        assertEquals(0, bytes[1000]);
        assertEquals(3, bytes[BLOCK - 1]);
        assertEquals(0, bytes[BLOCK - 301], "between the writes: zero, not the slab's old bytes");
        assertEquals(null, h.assembler.assembleThroughInto(INODE, 1, h.model.size(), h.nextSequence - 1,
                Harness.loaderOf(null), slab), "block 1 is 5 bytes long: not a full block");
    }

    private void assertModel() throws Exception {
        for (long b = 0; b <= h.model.blockCount(); b++) {
            byte[] expected = h.model.block(b);
            assertArrayEquals(expected, h.assembled(b), "block " + b);
            for (int from : new int[] {0, 1, BLOCK / 3, BLOCK - 1}) {
                int length = Math.min(4096, BLOCK - from);
                ByteBuffer piece = shared(b * BLOCK + from, length);
                byte[] want = from >= expected.length ? new byte[0]
                        : Arrays.copyOfRange(expected, from, Math.min(expected.length, from + length));
                assertEquals(ByteBuffer.wrap(want), piece, "block " + b + " from " + from);
            }
        }
    }
}
