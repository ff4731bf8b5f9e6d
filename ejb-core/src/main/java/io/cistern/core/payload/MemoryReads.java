package io.cistern.core.payload;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The common READ, answered from memory alone: a range within one block that the journal does not touch, whose
 * mapping {@link BlockMappings} knows and whose bytes {@link BlockCache} holds, returned as a view of the cached
 * block as {@link FileContents#readHeld} returns it. Anything else is null, for a worker to read through
 * {@link FileContents}: no database, no journal file, no block store here, since a protocol adapter asks on its
 * I/O threads. The read still tells {@link ReadAhead}, so that a sequential reader keeps the cache ahead of it.
 * <p>
 * A plain object over the engine's parts, which live as long as the application: a call through the container
 * would cost a good part of what an answer from memory saves.
 */
public final class MemoryReads {
    private static final int BLOCK = JournalIndex.BLOCK_SIZE;

    private final BlockAssembler assembler;
    private final BlockMappings mappings;
    private final BlockCache cache;
    private final ReadAhead readAhead;
    /** Run on the read-ahead's own threads, which may wait on the database and the store: {@link StoredBlocks#prefetch}. */
    private final Prefetch prefetching;

    /** Loads piece {@code index} of a file into the cache. */
    @FunctionalInterface
    interface Prefetch {
        void prefetch(long inodeId, long index);
    }

    MemoryReads(BlockAssembler assembler, BlockMappings mappings, BlockCache cache, ReadAhead readAhead,
                Prefetch prefetching) {
        this.assembler = assembler;
        this.mappings = mappings;
        this.cache = cache;
        this.readAhead = readAhead;
        this.prefetching = prefetching;
    }

    /** As {@link FileContents#readHeld}, or null when memory does not hold the answer. */
    public BlockView readHeld(long inodeId, long offset, int length, long fileSize) {
        long end = Math.min(fileSize, offset + length);
        if (offset < 0 || length < 0) {
            return null;
        }
        if (offset >= end) {
            return BlockView.owned(ByteBuffer.allocate(0));
        }
        if (offset / BLOCK != (end - 1) / BLOCK) {
            return null;   // across blocks: FileContents glues the pieces
        }
        long index = offset / BLOCK;
        BlockView bytes = assembler.readStoredHeld(inodeId, offset, (int) (end - offset), fileSize,
                (from, to) -> cached(inodeId, index, from, to));
        if (bytes == null) {
            return null;
        }
        try {
            readAhead.onRead(inodeId, offset, bytes.length(), block -> prefetching.prefetch(inodeId, block));
        } catch (RuntimeException e) {
            bytes.release();
            throw e;
        }
        return bytes;
    }

    private BlockView cached(long inodeId, long index, int from, int to) {
        Optional<FileBlockRef> mapped = mappings.known(inodeId, index);
        return mapped == null || mapped.isEmpty() ? null : cache.viewIfCached(mapped.get().hash(), from, to);
    }
}
