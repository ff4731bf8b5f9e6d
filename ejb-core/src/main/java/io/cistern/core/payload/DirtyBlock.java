package io.cistern.core.payload;

/**
 * A block whose journal extents are not yet uploaded: the uploader assembles it, stores and maps it, then calls
 * {@link JournalIndex#forget(long, long, long)} with {@code highestSequence}.
 */
public record DirtyBlock(long inodeId, long blockIndex, long highestSequence) {
}
