package io.cistern.batch.upload;

import io.cistern.core.payload.UploadWork;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What the reader and the checkpoint algorithm of one step share (through the step context's transient data):
 * the work read into the chunk not yet committed, the bytes sealed for it, and whether more work is ready. A chunk
 * ends when its sealed blocks hold {@link #MAX_BYTES} (four full blocks in memory), when it holds {@link #MAX_ITEMS}
 * pieces of work (the small blocks of small files: one transaction and one checkpoint for many files), or when no
 * more work is ready, so that what is written reaches the store without waiting for a full chunk.
 */
final class UploadChunk {
    static final long MAX_BYTES = 16L << 20;
    static final int MAX_ITEMS = 64;

    /** Keys of the work in the open chunk: a fresh listing may show them again until the chunk commits. */
    final Set<String> inFlight = new HashSet<>();
    boolean moreReady;
    /** Bytes of the blocks sealed for the open chunk so far (the processor adds each). */
    long sealedBytes;

    boolean isFull() {
        return inFlight.size() >= MAX_ITEMS || sealedBytes >= MAX_BYTES;
    }

    /**
     * Whether {@code ready} is at least a full chunk's worth of work, by the fewest bytes each piece will seal to:
     * then there is nothing to gather for.
     */
    static boolean fills(Collection<UploadWork> ready) {
        long leastBytes = 0;
        for (UploadWork work : ready) {
            leastBytes += work.leastBytes();
        }
        return ready.size() >= MAX_ITEMS || leastBytes >= MAX_BYTES;
    }
}
