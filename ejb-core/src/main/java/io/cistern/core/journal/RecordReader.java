package io.cistern.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads one record from a segment and says whether it is whole and intact. */
final class RecordReader {
    private RecordReader() {
    }

    /**
     * What lies at a position: an intact record (header and payload), the clean end of the valid bytes
     * (neither), or damage (a reason why no intact record starts there).
     */
    record Found(long position, RecordFormat.Header header, ByteBuffer payload, String damage) {
        boolean atEnd() {
            return header == null && damage == null;
        }

        boolean intact() {
            return header != null && damage == null;
        }

        long nextPosition() {
            return position + header.totalLength();
        }

        JournalRecord toRecord() {
            return new JournalRecord(header.sequence(), header.kind(), header.inodeId(), header.offset(), payload);
        }
    }

    /** Reads the record at {@code position}, looking at no byte at or past {@code limit}. */
    static Found readAt(Segment segment, long position, long limit) throws IOException {
        long available = limit - position;
        if (available == 0) {
            return new Found(position, null, null, null);
        }
        if (available < RecordFormat.HEADER_BYTES) {
            return damaged(position, "only " + available + " bytes left, less than a record header");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);
        segment.readFully(headerBytes, position);
        headerBytes.flip();
        RecordFormat.Header header = RecordFormat.parse(headerBytes);
        String problem = header.problem();
        if (problem != null) {
            return damaged(position, problem);
        }
        if (header.totalLength() > available) {
            return damaged(position, "a record of " + header.totalLength() + " bytes, but only " + available
                    + " bytes left");
        }
        ByteBuffer payload = ByteBuffer.allocate(header.payloadLength());
        segment.readFully(payload, position + RecordFormat.HEADER_BYTES);
        payload.flip();
        if (!RecordFormat.checksumMatches(headerBytes, payload)) {
            return damaged(position, "CRC32C mismatch (record claims sequence " + header.sequence() + ")");
        }
        return new Found(position, header, payload, null);
    }

    /**
     * Record {@code sequence} at {@code position}, which was intact when written or opened: damage now, or another
     * record there, is corruption (or the segment was released and written over as a spare meanwhile).
     */
    static JournalRecord readIntact(Segment segment, long position, long limit, long sequence) throws IOException {
        Found found = readAt(segment, position, limit);
        if (!found.intact()) {
            throw new JournalCorruptException(segment.path(), position, (found.atEnd() ? "no record" : found.damage())
                    + " (the record was intact when the journal was opened or written)");
        }
        if (found.header().sequence() != sequence) {
            throw new JournalCorruptException(segment.path(), position, "record " + found.header().sequence()
                    + " where record " + sequence + " was written");
        }
        return found.toRecord();
    }

    /** What lies at {@code position} is no record to read, for {@code reason}. */
    static Found damaged(long position, String reason) {
        return new Found(position, null, null, reason);
    }
}
