package io.cistern.core.journal;

/**
 * How big the journal's files and the journal itself may grow.
 *
 * @param segmentBytes    a segment file is closed and a new one started once the next record would make it
 *                        larger than this
 * @param capacityBytes   the most bytes all segment files together may hold; past it, appends get
 *                        {@link JournalFullException} until {@link Journal#release} frees whole segments
 * @param maxPayloadBytes the largest payload one record may carry
 * @param preallocateBytes how far ahead of the records zeros are written for small records (see
 *                        {@link Journal}); 0 turns that off
 */
public record JournalSettings(long segmentBytes, long capacityBytes, int maxPayloadBytes, int preallocateBytes) {
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final int DEFAULT_PREALLOCATE_BYTES = 1 << 20;
    public static final long DEFAULT_CAPACITY_BYTES = 1L << 30;
    /** One block: the payload service cuts files into 4 MiB blocks. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 4 << 20;
    /** Segments are read with int-sized buffers and positions in a few places; keep well clear of that. */
    static final long MAX_SEGMENT_BYTES = 1L << 30;

    public JournalSettings {
        if (maxPayloadBytes < 0 || maxPayloadBytes > RecordFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes must be within 0.." + RecordFormat.MAX_PAYLOAD_BYTES
                    + ": " + maxPayloadBytes);
        }
        if (segmentBytes < RecordFormat.HEADER_BYTES + (long) maxPayloadBytes || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must hold the largest record ("
                    + (RecordFormat.HEADER_BYTES + maxPayloadBytes) + " bytes) and be at most " + MAX_SEGMENT_BYTES
                    + ": " + segmentBytes);
        }
        if (capacityBytes < segmentBytes) {
            throw new IllegalArgumentException("capacityBytes must be at least one segment (" + segmentBytes
                    + "): " + capacityBytes);
        }
        if (preallocateBytes < 0 || preallocateBytes > segmentBytes) {
            throw new IllegalArgumentException("preallocateBytes must be within 0.." + segmentBytes + ": "
                    + preallocateBytes);
        }
    }

    /** With the default preallocation, or none where a segment is smaller than it. */
    public JournalSettings(long segmentBytes, long capacityBytes, int maxPayloadBytes) {
        this(segmentBytes, capacityBytes, maxPayloadBytes, fitted(DEFAULT_PREALLOCATE_BYTES, segmentBytes));
    }

    /** 64 MiB segments, 1 GiB in all, payloads up to 4 MiB, zeros written 1 MiB ahead of small records. */
    public static JournalSettings defaults() {
        return new JournalSettings(DEFAULT_SEGMENT_BYTES, DEFAULT_CAPACITY_BYTES, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public JournalSettings withSegmentBytes(long bytes) {
        return new JournalSettings(bytes, capacityBytes, maxPayloadBytes, fitted(preallocateBytes, bytes));
    }

    public JournalSettings withCapacityBytes(long bytes) {
        return new JournalSettings(segmentBytes, bytes, maxPayloadBytes, preallocateBytes);
    }

    public JournalSettings withMaxPayloadBytes(int bytes) {
        return new JournalSettings(segmentBytes, capacityBytes, bytes, preallocateBytes);
    }

    public JournalSettings withPreallocateBytes(int bytes) {
        return new JournalSettings(segmentBytes, capacityBytes, maxPayloadBytes, bytes);
    }

    /** {@code preallocateBytes}, or less where a segment is smaller: zeros are never written past a segment's end. */
    private static int fitted(int preallocateBytes, long segmentBytes) {
        return (int) Math.max(0, Math.min(preallocateBytes, segmentBytes));
    }
}
