package io.cistern.core.payload;

/**
 * A piece of one journal WRITE that falls into one block. A write spanning a block boundary becomes one extent
 * in each block it touches. The bytes are not held here: they are bytes {@code payloadOffset} to
 * {@code payloadOffset + length} of record {@code sequence}'s payload (see {@link PayloadSource}).
 *
 * @param sequence      the journal record the bytes are in; orders extents (the higher one wins)
 * @param offsetInBlock where in the block the bytes go
 * @param length        how many bytes (at least 1)
 * @param payloadOffset where in the record's payload they start
 */
public record JournalExtent(long sequence, int offsetInBlock, int length, int payloadOffset) {
    public JournalExtent {
        if (offsetInBlock < 0 || length <= 0 || payloadOffset < 0
                || (long) offsetInBlock + length > JournalIndex.BLOCK_SIZE) {
            throw new IllegalArgumentException("bad extent: record " + sequence + " at " + offsetInBlock + "+"
                    + length + " from payload offset " + payloadOffset);
        }
    }

    /** The offset in the block just past the last byte. */
    public int end() {
        return offsetInBlock + length;
    }

    /** The same extent with only its first {@code newLength} bytes (a truncation cut the rest). */
    JournalExtent cutTo(int newLength) {
        return new JournalExtent(sequence, offsetInBlock, newLength, payloadOffset);
    }
}
