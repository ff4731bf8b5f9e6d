package io.cistern.core.payload;

import java.util.List;

/**
 * What the journal index holds for one block at one moment: its extents and the file's truncations, each in
 * sequence order. Immutable, so it can be assembled without holding the index's lock.
 */
public record BlockSnapshot(long inodeId, long blockIndex, List<JournalExtent> extents, List<Truncation> truncations) {
    public BlockSnapshot {
        extents = List.copyOf(extents);
        truncations = List.copyOf(truncations);
    }

    /** The same without any record newer than {@code sequence}. */
    public BlockSnapshot through(long sequence) {
        return new BlockSnapshot(inodeId, blockIndex,
                extents.stream().filter(e -> e.sequence() <= sequence).toList(),
                truncations.stream().filter(t -> t.sequence() <= sequence).toList());
    }

    /** Where the block starts in the file. */
    public long blockStart() {
        return blockIndex * JournalIndex.BLOCK_SIZE;
    }
}
