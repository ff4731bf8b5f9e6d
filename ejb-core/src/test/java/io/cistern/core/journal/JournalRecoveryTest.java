package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalRecoveryTest {
    static final int MAX_PAYLOAD = 64 << 10;
    static final JournalSettings SMALL = new JournalSettings(256 << 10, 64 << 20, MAX_PAYLOAD);

    @TempDir
    Path dir;

    /** Ways a crash leaves the end of the newest segment. */
    @ParameterizedTest
    @ValueSource(strings = {"half-record", "part-of-header", "zeros", "bad-crc"})
    void aTornTailIsCutOffAndAppendsContinue(String tail) throws Exception {
        Path segment;
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 10);
            journal.sync();
            segment = journal.locate(10).segment().path();
        }
        long goodLength = Files.size(segment);
        byte[] record = recordBytes(11, 10, TestRecords.entry(11, MAX_PAYLOAD));
        byte[] garbage = switch (tail) {
            case "half-record" -> Arrays.copyOf(record, record.length / 2);
            case "part-of-header" -> Arrays.copyOf(record, 20);
            case "zeros" -> new byte[8192];
            case "bad-crc" -> flipped(record, record.length - 1);
            default -> throw new IllegalArgumentException(tail);
        };
        Files.write(segment, garbage, StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(dir, SMALL)) {
            assertEquals(goodLength, Files.size(segment), "cut back to the last intact record");
            assertEquals(10, journal.stats().lastSequence());
            assertEquals(11, journal.append(TestRecords.entry(11, MAX_PAYLOAD)));
            journal.sync();
        }
        try (Journal journal = Journal.open(dir, SMALL)) {
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), replayAll(journal));
        }
    }

    @Test
    void aNewestSegmentHoldingOnlyATornRecordIsEmptiedAndReused() throws Exception {
        long next;
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 40);
            journal.release(40);   // seals the current segment: a new, empty one is started
            next = journal.stats().lastSequence() + 1;
        }
        Path newest = dir.resolve(Segment.fileName(next));
        assertEquals(0, Files.size(newest));
        Files.write(newest, Arrays.copyOf(recordBytes(next, next - 1, TestRecords.entry(next, MAX_PAYLOAD)), 30));
        try (Journal journal = Journal.open(dir, SMALL)) {
            assertEquals(0, Files.size(newest));
            assertEquals(next, journal.append(TestRecords.entry(next, MAX_PAYLOAD)));
        }
    }

    @Test
    void damageInAnOlderSegmentIsAHardErrorNamingFileAndPosition() throws Exception {
        SegmentChain.Stretch victim;
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 100);
            assertTrue(journal.stats().segments() >= 3);
            long sequence = 5;
            while (journal.read(sequence).orElseThrow().length() == 0) {
                sequence++;
            }
            victim = journal.locate(sequence);
            assertTrue(victim.segment() != journal.locate(100).segment());
        }
        flipByteAt(victim.segment().path(), victim.start() + RecordFormat.HEADER_BYTES);   // its first payload byte

        JournalCorruptException error = assertThrows(JournalCorruptException.class, () -> Journal.open(dir, SMALL));
        assertEquals(victim.segment().path(), error.file());
        assertEquals(victim.start(), error.position());
        assertTrue(error.getMessage().contains(victim.segment().path().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("CRC32C mismatch"), error.getMessage());
        // refusing to open must not have cut anything, and must not have kept the directory locked
        assertThrows(JournalCorruptException.class, () -> Journal.open(dir, SMALL));
    }

    @Test
    void damageToASyncedRecordInTheNewestSegmentIsAHardError() throws Exception {
        SegmentChain.Stretch victim;
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 5);
            journal.sync();
            appendRange(journal, 6, 10);   // their durable-through says 1..5 were on disk
            victim = journal.locate(3);
            assertEquals(1, journal.stats().segments());
        }
        flipByteAt(victim.segment().path(), victim.start() + 20);

        JournalCorruptException error = assertThrows(JournalCorruptException.class, () -> Journal.open(dir, SMALL));
        assertEquals(victim.start(), error.position());
        assertTrue(error.getMessage().contains("had been synced"), error.getMessage());
    }

    @Test
    void garbageInTheUnsyncedPartOfTheNewestSegmentEndsTheLog() throws Exception {
        // After a power loss, any unsynced page may be missing while later ones made it to disk.
        SegmentChain.Stretch lost;
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 5);
            journal.sync();
            appendRange(journal, 6, 10);
            lost = journal.locate(7);
        }
        try (FileChannel file = FileChannel.open(lost.segment().path(), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate((int) (lost.end() - lost.start())), lost.start());
        }
        try (Journal journal = Journal.open(dir, SMALL)) {
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), replayAll(journal));
            assertEquals(lost.start(), Files.size(lost.segment().path()));
            assertEquals(7, journal.append(TestRecords.entry(7, MAX_PAYLOAD)));
        }
    }

    @Test
    void aMissingSegmentIsAHardError() throws Exception {
        Path middle;
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 100);
            middle = journal.locate(50).segment().path();
        }
        Files.delete(middle);
        JournalCorruptException error = assertThrows(JournalCorruptException.class, () -> Journal.open(dir, SMALL));
        assertTrue(error.getMessage().contains("records are missing"), error.getMessage());
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("segment-1.log"), "not a segment name");
        try (Journal journal = Journal.open(dir, SMALL)) {
            appendRange(journal, 1, 3);
        }
        try (Journal journal = Journal.open(dir, SMALL)) {
            assertEquals(List.of(1L, 2L, 3L), replayAll(journal));
        }
        assertEquals("hello", Files.readString(dir.resolve("notes.txt")));
    }

    static void appendRange(Journal journal, long firstId, long lastId) throws Exception {
        for (long id = firstId; id <= lastId; id++) {
            assertEquals(id, journal.append(TestRecords.entry(id, MAX_PAYLOAD)));
        }
    }

    static List<Long> replayAll(Journal journal) throws IOException {
        List<Long> sequences = new ArrayList<>();
        journal.replay(0, record -> {
            TestRecords.assertMatches(record, MAX_PAYLOAD);
            sequences.add(record.sequence());
        });
        return sequences;
    }

    /** The bytes the journal would write for {@code entry} as record {@code sequence}. */
    static byte[] recordBytes(long sequence, long durableThrough, JournalEntry entry) {
        ByteBuffer payload = entry.payload();
        ByteBuffer header = RecordFormat.header(entry, sequence, durableThrough, RecordFormat.payloadChecksum(payload));
        return ByteBuffer.allocate(header.remaining() + payload.remaining()).put(header).put(payload).array();
    }

    static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x40;
        return copy;
    }

    static void flipByteAt(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, position);
        }
    }
}
