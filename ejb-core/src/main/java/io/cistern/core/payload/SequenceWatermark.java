package io.cistern.core.payload;

import java.util.TreeSet;

/**
 * The highest sequence up to which every record has been added to the index. Writers append to the journal
 * concurrently and add to the index afterwards, so record 6 may be added before record 5. Until 5 is added, nothing
 * from 5 on may be uploaded or released: the upload of 6 would later be overwritten by 5 (older data winning), and a
 * release past 5 would delete bytes that are in no block yet. Journal sequences are contiguous, which is what makes
 * "every record up to" knowable. Not thread-safe: the index guards it.
 */
final class SequenceWatermark {
    private long through;
    private final TreeSet<Long> ahead = new TreeSet<>();

    long through() {
        return through;
    }

    void added(long sequence) {
        if (sequence <= through) {
            return;
        }
        if (sequence != through + 1) {
            ahead.add(sequence);
            return;
        }
        through = sequence;
        while (!ahead.isEmpty() && ahead.first() == through + 1) {
            through = ahead.pollFirst();
        }
    }

    /** Everything up to {@code sequence} counts as added (it was released, or replayed). */
    void advanceTo(long sequence) {
        if (sequence > through) {
            through = sequence;
        }
        while (!ahead.isEmpty() && ahead.first() <= through + 1) {
            through = Math.max(through, ahead.pollFirst());
        }
    }

    void reset() {
        through = 0;
        ahead.clear();
    }
}
