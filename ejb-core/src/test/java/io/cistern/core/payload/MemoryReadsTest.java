package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockHash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A READ from memory is the cached block's bytes, exactly what {@link FileContents#readHeld} would return, and only
 * when nothing else is needed: an unknown mapping, an uncached block, journaled writes over the block or a range
 * across blocks all answer null, for a worker to read the usual way.
 */
class MemoryReadsTest {
    private static final int BLOCK = Harness.BLOCK;
    private static final long INODE = Harness.INODE;

    private final Harness h = new Harness();
    private final BlockMappings mappings = new BlockMappings();
    private final BlockCache cache = new BlockCache(64L << 20);
    private final List<Runnable> prefetchTasks = new ArrayList<>();
    private final List<Long> prefetched = new ArrayList<>();
    private final MemoryReads reads = new MemoryReads(h.assembler, mappings, cache,
            new ReadAhead(16, 4, prefetchTasks::add), (inode, index) -> prefetched.add(index));

    private static byte[] block(int seed) {
        byte[] bytes = new byte[BLOCK];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** Piece {@code index} of the file is {@code bytes}, as the database said, and the cache holds it if asked. */
    private void stored(long index, byte[] bytes, boolean cached) {
        BlockHash hash = BlockHash.of(bytes);
        mappings.lookup(INODE, index, () -> Optional.of(new FileBlockRef(index, hash, bytes.length)));
        if (cached) {
            cache.put(hash, bytes);
        }
    }

    private static byte[] bytesOf(BlockView view) {
        ByteBuffer bytes = view.bytes().duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        view.release();
        return copy;
    }

    @Test
    void aCachedUntouchedBlockIsReadFromMemory() {
        byte[] first = block(1);
        stored(0, first, true);
        BlockView view = reads.readHeld(INODE, 1 << 20, 1 << 20, 2L * BLOCK);
        assertArrayEquals(Arrays.copyOfRange(first, 1 << 20, 2 << 20), bytesOf(view));
    }

    @Test
    void theFilesEndShortensTheReadAndPastItIsEmpty() {
        byte[] first = block(2);
        stored(0, first, true);
        assertEquals(1000, bytesOf(reads.readHeld(INODE, 0, 1 << 20, 1000)).length);
        assertEquals(0, bytesOf(reads.readHeld(INODE, 5000, 100, 1000)).length);
    }

    @Test
    void whatMemoryDoesNotHoldIsLeftToTheWorker() {
        assertNull(reads.readHeld(INODE, 0, 4096, BLOCK), "the mapping is not known");
        stored(0, block(3), false);
        assertNull(reads.readHeld(INODE, 0, 4096, BLOCK), "the block is not cached");
        stored(1, block(4), true);
        assertNull(reads.readHeld(INODE, BLOCK - 10, 20, 2L * BLOCK), "across two blocks");
        mappings.lookup(INODE, 2, Optional::empty);
        assertNull(reads.readHeld(INODE, 2L * BLOCK, 20, 3L * BLOCK), "a hole: the worker makes its zeros");
    }

    @Test
    void aBlockTheJournalWroteOverIsLeftToTheWorker() {
        stored(0, block(5), true);
        h.add(h.write(100, new byte[]{9, 9, 9}));
        assertNull(reads.readHeld(INODE, 0, 4096, BLOCK));
    }

    @Test
    void aSequentialReaderFromMemoryStillPrefetchesAhead() {
        for (int i = 0; i < 3; i++) {
            stored(i, block(10 + i), true);
        }
        for (long offset = 0; offset < 3L * BLOCK; offset += 1 << 20) {
            bytesOf(reads.readHeld(INODE, offset, 1 << 20, 8L * BLOCK));
        }
        prefetchTasks.forEach(Runnable::run);
        assertTrue(prefetched.containsAll(List.of(3L, 4L)), "blocks beyond those read were asked for: " + prefetched);
    }
}
