package io.cistern.core.payload;

/**
 * What the journal says about a file's size before its records are uploaded: the newest truncation's size (if
 * any) replaces the stored size, and writes after it extend the file. Taken from the index <em>before</em> the
 * stored size is read: the uploader commits a new stored size before it forgets the records that imply it, so in
 * that order a reader never misses both.
 *
 * @param truncatedTo the newest pending truncation's size, or -1 when there is none
 * @param writtenTo   the end of the furthest write after it (0 when there is none)
 */
public record SizeOverlay(long truncatedTo, long writtenTo) {
    /** Nothing pending: the stored size stands. */
    public static final SizeOverlay NONE = new SizeOverlay(-1, 0);

    /** The file's size given its stored size. */
    public long applyTo(long storedSize) {
        return Math.max(truncatedTo >= 0 ? truncatedTo : storedSize, writtenTo);
    }
}
