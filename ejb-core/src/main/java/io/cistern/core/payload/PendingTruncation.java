package io.cistern.core.payload;

/**
 * Truncations of one file not yet applied to the block mapping. Applying them all at once is the same as applying
 * each in turn: no stored block beyond {@code lowestSize} can survive them (data written past it later is still in
 * the journal). So the uploader unmaps the blocks from {@code ceil(lowestSize / BLOCK_SIZE)} on, re-seals the
 * block that {@code lowestSize} cuts (if it cuts one), and calls
 * {@link JournalIndex#forgetTruncations(long, long)} with {@code highestSequence}. Since the truncations then no
 * longer speak for the file's size, the stored size becomes {@code lastSize}, the size the newest of them set.
 */
public record PendingTruncation(long inodeId, long lowestSize, long lastSize, long highestSequence) {
    /** The first block wholly beyond {@code lowestSize}: it and every later one are to be unmapped. */
    public long firstBlockToUnmap() {
        return (lowestSize + JournalIndex.BLOCK_SIZE - 1) / JournalIndex.BLOCK_SIZE;
    }

    /** True when {@code lowestSize} falls inside a block, which then has to be stored again, shorter. */
    public boolean cutsABlock() {
        return lowestSize % JournalIndex.BLOCK_SIZE != 0;
    }

    /** The block {@code lowestSize} falls inside (meaningful when {@link #cutsABlock()}). */
    public long cutBlock() {
        return lowestSize / JournalIndex.BLOCK_SIZE;
    }
}
