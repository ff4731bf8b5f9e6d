package io.cistern.core.gc;

import io.cistern.core.blocks.BlockHash;

/**
 * One block garbage collection deleted: an unreferenced block (its row's size) or an orphan object (its stored
 * size), for the job's counters.
 */
public record Collected(BlockHash hash, long bytes, boolean orphan) {
}
