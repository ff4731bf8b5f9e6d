package io.cistern.core.journal;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What a caller asks the journal to log; the journal adds the sequence number and gives back a
 * {@link JournalRecord} on replay. The payload is not copied: its bytes must stay unchanged until
 * {@link Journal#append} has returned (they are in the page cache then).
 *
 * @param kind    what happened
 * @param inodeId the file it happened to
 * @param offset  for {@link RecordKind#WRITE} the position in the file; for {@link RecordKind#TRUNCATE}
 *                the new size
 * @param payload the bytes written (its remaining bytes); empty for other kinds
 */
public record JournalEntry(RecordKind kind, long inodeId, long offset, ByteBuffer payload) {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    public JournalEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset or size: " + offset);
        }
        // our own view, so that the caller moving its position later changes nothing here
        payload = payload.slice();
    }

    /** Bytes written to file {@code inodeId} at {@code fileOffset}. */
    public static JournalEntry write(long inodeId, long fileOffset, ByteBuffer bytes) {
        return new JournalEntry(RecordKind.WRITE, inodeId, fileOffset, bytes);
    }

    /** File {@code inodeId} set to {@code newSize} bytes. */
    public static JournalEntry truncate(long inodeId, long newSize) {
        return new JournalEntry(RecordKind.TRUNCATE, inodeId, newSize, EMPTY);
    }

    /** The payload, read-only. */
    @Override
    public ByteBuffer payload() {
        return payload.asReadOnlyBuffer();
    }

    public int payloadLength() {
        return payload.remaining();
    }

    /**
     * The payload as given (writable if the caller's was), for checksumming and writing: a read-only heap
     * buffer hides its array, which would make CRC32C copy it in 4 KiB pieces.
     */
    ByteBuffer payloadForWriting() {
        return payload.duplicate();
    }
}
