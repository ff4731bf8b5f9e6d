package io.cistern.batch.upload;

import java.util.HashSet;
import java.util.Set;

/**
 * What the reader and the checkpoint algorithm of one step share (through the step context's transient data):
 * the work read into the chunk not yet committed, and whether more work is ready. A chunk ends when it holds
 * {@link #MAX_ITEMS} blocks (16 MiB in memory) or when no more work is ready, so that what is written reaches
 * the store without waiting for a full chunk.
 */
final class UploadChunk {
    static final int MAX_ITEMS = 4;

    /** Keys of the work in the open chunk: a fresh listing may show them again until the chunk commits. */
    final Set<String> inFlight = new HashSet<>();
    boolean moreReady;

    boolean isFull() {
        return inFlight.size() >= MAX_ITEMS;
    }
}
