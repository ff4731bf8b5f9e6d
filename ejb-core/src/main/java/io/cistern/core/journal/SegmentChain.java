package io.cistern.core.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The journal's segments, oldest first, the newest being the one appended to, and the bytes they hold.
 * Not thread-safe: the journal calls it under its append lock only.
 */
final class SegmentChain {
    /**
     * A stretch of one segment, from {@code start} to {@code end} (exclusive), fixed under the lock; {@code sequence}
     * is the record's at {@code start}.
     */
    record Stretch(Segment segment, long start, long end, long sequence) {
    }

    private final NavigableMap<Long, Segment> segments = new TreeMap<>();
    private Segment current;
    private long usedBytes;

    SegmentChain(List<Segment> recovered) {
        for (Segment segment : recovered) {
            segments.put(segment.firstSequence(), segment);
            usedBytes += segment.size();
        }
        current = segments.lastEntry().getValue();
    }

    /** The segment appended to. */
    Segment current() {
        return current;
    }

    long usedBytes() {
        return usedBytes;
    }

    int count() {
        return segments.size();
    }

    /** The first sequence of the oldest segment: the oldest record held, if any is. */
    long firstSequence() {
        return segments.firstKey();
    }

    /** Registers a record just written at the end of the current segment. */
    void appended(long sequence, long position, int length) {
        current.appended(sequence, position, length);
        usedBytes += length;
    }

    /** Makes {@code next} (new and empty) the segment appended to. */
    void extend(Segment next) {
        segments.put(next.firstSequence(), next);
        current = next;
    }

    /**
     * Gives up the sealed segments that hold nothing newer than {@code sequence}: each is kept in {@code spares} to
     * be written over, or deleted; returns how many. The caller syncs the directory.
     */
    int releaseSealed(long sequence, SpareSegments spares) throws IOException {
        int released = 0;
        for (Iterator<Segment> it = segments.values().iterator(); it.hasNext(); ) {
            Segment segment = it.next();
            if (segment == current || segment.lastSequence() > sequence) {
                break;
            }
            spares.keepOrDelete(segment.path(), segments.size() - 1);
            it.remove();
            usedBytes -= segment.size();
            released++;
            segment.retire();
        }
        return released;
    }

    /** Where record {@code sequence} lies, or null if no segment holds it. */
    Stretch locate(long sequence) {
        Map.Entry<Long, Segment> holder = segments.floorEntry(sequence);
        if (holder == null || holder.getValue().positionOf(sequence) < 0) {
            return null;
        }
        Segment segment = holder.getValue();
        long start = segment.positionOf(sequence);
        long end = sequence == segment.lastSequence() ? segment.size() : segment.positionOf(sequence + 1);
        return new Stretch(segment, start, end, sequence);
    }

    /** The stretches holding the records from {@code sequence} on, as far as they are written now. */
    List<Stretch> from(long sequence) {
        List<Stretch> stretches = new ArrayList<>();
        for (Segment segment : segments.values()) {
            if (!segment.isEmpty() && segment.lastSequence() >= sequence) {
                long first = Math.max(sequence, segment.firstSequence());
                stretches.add(new Stretch(segment, segment.positionOf(first), segment.size(), first));
            }
        }
        return stretches;
    }

    /**
     * Closes every segment file, after trimming and forcing the current one if {@code forceCurrent}; returns the first
     * problem with the others suppressed in it, or null.
     */
    IOException closeAll(boolean forceCurrent) {
        IOException problem = null;
        if (forceCurrent) {
            try {
                current.trimToRecords();   // so that a clean start finds records only, as after a seal
                current.force();
            } catch (IOException e) {
                problem = e;
            }
        }
        for (Segment segment : segments.values()) {
            try {
                segment.retire();
            } catch (IOException e) {
                if (problem == null) {
                    problem = e;
                } else {
                    problem.addSuppressed(e);
                }
            }
        }
        return problem;
    }
}
