package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Records whose every byte follows from one number, the id, so that a test (or a crash test's parent
 * process) can check a record it did not write. The id is the inode id; the file offset is id * 7.
 */
final class TestRecords {
    private TestRecords() {
    }

    /** A mix: mostly a few KiB, some empty, some up to {@code maxPayload}. */
    static int lengthFor(long id, int maxPayload) {
        long mixed = new SplittableRandom(id ^ 0x5DEECE66DL).nextLong() >>> 1;
        return switch ((int) (mixed % 16)) {
            case 0 -> 0;
            case 1 -> (int) (mixed / 16 % (maxPayload + 1));
            default -> (int) (mixed / 16 % Math.min(16 << 10, maxPayload + 1));
        };
    }

    static ByteBuffer payload(long id, int length) {
        byte[] bytes = new byte[length];
        new SplittableRandom(id).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    static JournalEntry entry(long id, int maxPayload) {
        return JournalEntry.write(id, id * 7, payload(id, lengthFor(id, maxPayload)));
    }

    /** Checks that {@code record} carries exactly what {@link #entry} made for its inode id. */
    static void assertMatches(JournalRecord record, int maxPayload) {
        long id = record.inodeId();
        assertEquals(RecordKind.WRITE, record.kind(), "kind of record " + record.sequence());
        assertEquals(id * 7, record.offset(), "offset of record " + record.sequence());
        assertEquals(payload(id, lengthFor(id, maxPayload)), record.payload(), "payload of record " + record.sequence());
    }
}
