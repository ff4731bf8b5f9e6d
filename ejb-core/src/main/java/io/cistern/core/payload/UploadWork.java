package io.cistern.core.payload;

import java.io.Serializable;

/**
 * One step of the upload, as the batch job reads it: a file's pending truncations to apply to its block mapping,
 * or one dirty block to seal, store and map. Serializable, being a chunk item.
 *
 * @param truncation      true for a {@link PendingTruncation}, false for a {@link DirtyBlock}
 * @param blockIndex      the dirty block (unused for a truncation)
 * @param highestSequence the newest record the step covers: what is forgotten once it is stored
 * @param lowestSize      a truncation's smallest size, from which blocks are unmapped
 * @param lastSize        a truncation's final size, which becomes the stored size
 * @param leastBytes      the fewest bytes sealing this will produce ({@link DirtyBlock#journaledReach}; 0 for a
 *                        truncation): what the reader weighs to tell a full chunk's worth of work from a trickle
 */
public record UploadWork(boolean truncation, long inodeId, long blockIndex, long highestSequence, long lowestSize,
                         long lastSize, int leastBytes) implements Serializable {

    static UploadWork of(DirtyBlock dirty) {
        return new UploadWork(false, dirty.inodeId(), dirty.blockIndex(), dirty.highestSequence(), -1, -1,
                dirty.journaledReach());
    }

    static UploadWork of(PendingTruncation pending) {
        return new UploadWork(true, pending.inodeId(), -1, pending.highestSequence(), pending.lowestSize(),
                pending.lastSize(), 0);
    }

    PendingTruncation asTruncation() {
        return new PendingTruncation(inodeId, lowestSize, lastSize, highestSequence);
    }

    /** Which block of which file this is about, to tell apart work that is already under way. */
    public String key() {
        return truncation ? inodeId + ":truncate" : inodeId + ":" + blockIndex;
    }
}
