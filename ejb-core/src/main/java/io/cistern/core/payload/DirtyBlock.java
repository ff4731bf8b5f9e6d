package io.cistern.core.payload;

/**
 * A block whose journal extents are not yet uploaded: the uploader assembles it, stores and maps it, then calls
 * {@link JournalIndex#forget(long, long, long)} with {@code highestSequence}.
 *
 * @param journaledReach the offset in the block just past the last byte the journal holds for it, through
 *                       {@code highestSequence}: at least as many bytes as the sealed block will hold (it also holds
 *                       the stored block's bytes beyond), so the upload can tell how much sealing work is ready
 *                       before doing any
 */
public record DirtyBlock(long inodeId, long blockIndex, long highestSequence, int journaledReach) {
}
