package io.cistern.core.journal;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A record read back from the journal: an entry with the sequence number it was logged under.
 *
 * @param sequence the record's place in the journal; strictly increasing, never reused
 * @param kind     what happened
 * @param inodeId  the file it happened to
 * @param offset   for {@link RecordKind#WRITE} the position in the file; for {@link RecordKind#TRUNCATE}
 *                 the new size (see {@link #newSize()})
 * @param payload  the bytes written, read-only; empty for other kinds. The record owns them: they stay
 *                 valid after the journal moves on.
 */
public record JournalRecord(long sequence, RecordKind kind, long inodeId, long offset, ByteBuffer payload) {
    public JournalRecord {
        Objects.requireNonNull(kind, "kind");
        payload = payload.asReadOnlyBuffer();
    }

    /** A fresh read-only view of the payload, positioned at its start. */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** How many payload bytes there are (for a write, how many bytes were written). */
    public int length() {
        return payload.remaining();
    }

    /** The new size a {@link RecordKind#TRUNCATE} record sets. */
    public long newSize() {
        if (kind != RecordKind.TRUNCATE) {
            throw new IllegalStateException("record " + sequence + " is a " + kind + ", not a TRUNCATE");
        }
        return offset;
    }
}
