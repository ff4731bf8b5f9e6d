package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.testing.CapturedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zeros written ahead of small records (Journal#preallocate): where they are written, cut off, and recovered from. */
class JournalPreallocationTest {
    static final int AHEAD = 256 << 10;
    /** 1 MiB segments with zeros 256 KiB ahead: records up to 64 KiB are written over them. */
    static final JournalSettings SETTINGS = new JournalSettings(1 << 20, 16 << 20, 128 << 10, AHEAD);
    static final int SMALL = 4096;
    static final int SMALL_RECORD = RecordFormat.HEADER_BYTES + SMALL;

    @TempDir
    Path dir;

    @Test
    void smallRecordsAreWrittenOverZerosWrittenAheadOfThem() throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, 1, SMALL);
            Path segment = journal.locate(1).segment().path();
            assertEquals(SMALL_RECORD + AHEAD, Files.size(segment), "zeros written ahead of the first record");

            append(journal, 2, 60, SMALL);
            assertEquals(SMALL_RECORD + AHEAD, Files.size(segment), "the next records went over them: the size stays");
            assertZerosFrom(segment, 60L * SMALL_RECORD);

            append(journal, 61, 70, SMALL);   // record 65 would pass the zeros' end: more are written ahead of it
            assertEquals(65L * SMALL_RECORD + AHEAD, Files.size(segment));
            assertZerosFrom(segment, 70L * SMALL_RECORD);
            journal.sync();
            assertEquals(70L * SMALL_RECORD, journal.stats().usedBytes(), "the zeros are not records");
        }
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(rangeOf(1, 70), replay(journal, SMALL));
        }
    }

    @Test
    void largeRecordsAreAppendedWithoutZerosAhead() throws Exception {
        int large = AHEAD / 4;   // with its header, above the quarter of the distance that zeros are written ahead
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, 3, large);
            Path segment = journal.locate(1).segment().path();
            assertEquals(3L * (RecordFormat.HEADER_BYTES + large), Files.size(segment));
        }
    }

    @Test
    void aSealedSegmentAndAClosedJournalHoldRecordsOnly() throws Exception {
        long perSegment = (1 << 20) / SMALL_RECORD;
        Path first;
        Path second;
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, perSegment + 5, SMALL);
            first = journal.locate(1).segment().path();
            second = journal.locate(perSegment + 1).segment().path();
            assertEquals(perSegment * SMALL_RECORD, Files.size(first), "sealed: the zeros after its records cut off");
            assertTrue(Files.size(second) > 5L * SMALL_RECORD, "the current one has zeros ahead");
        }
        assertEquals(5L * SMALL_RECORD, Files.size(second), "closed: the zeros cut off");
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(rangeOf(1, perSegment + 5), replay(journal, SMALL));
        }
    }

    @Test
    void aCrashLeavesZerosThatRecoveryCutsOffWithoutAWarning() throws Exception {
        Path crashed = Files.createDirectory(dir.resolve("crashed"));
        Path copy;
        try (Journal journal = Journal.open(dir.resolve("live"), SETTINGS)) {
            append(journal, 1, 10, SMALL);
            journal.sync();
            // the files as a killed process leaves them: the records, then the zeros written ahead
            Path segment = journal.locate(1).segment().path();
            copy = Files.copy(segment, crashed.resolve(segment.getFileName()));
        }
        assertEquals(SMALL_RECORD + AHEAD, Files.size(copy));

        try (CapturedLog recovery = CapturedLog.of(JournalRecovery.class);
             Journal journal = Journal.open(crashed, SETTINGS)) {
            assertEquals(10L * SMALL_RECORD, Files.size(copy), "the zeros cut off");
            assertEquals(List.of(), recovery.atLeast(Level.WARNING).stream().map(LogRecord::getMessage).toList());
            assertEquals(11, journal.append(entry(11, SMALL)));
            journal.sync();
        }
        try (Journal journal = Journal.open(crashed, SETTINGS)) {
            assertEquals(rangeOf(1, 11), replay(journal, SMALL));
        }
    }

    @Test
    void aDiskTooFullForTheZerosStillTakesTheRecord() throws Exception {
        InstrumentedChannel.Disk disk = new InstrumentedChannel.Disk();
        try (Journal journal = Journal.open(dir, SETTINGS.withPreallocateBytes(0), disk.opener())) {
            append(journal, 1, 2, SMALL);
        }
        try (Journal journal = Journal.open(dir, SETTINGS, disk.opener())) {
            disk.spaceLeft.set(SMALL_RECORD + SMALL_RECORD / 2);   // room for the record, not for the zeros
            append(journal, 3, 3, SMALL);
            Path segment = journal.locate(3).segment().path();
            assertEquals(3L * SMALL_RECORD, Files.size(segment), "the zeros that fitted were cut off again");
            journal.sync();
        }
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(rangeOf(1, 3), replay(journal, SMALL));
        }
    }

    private static void append(Journal journal, long firstId, long lastId, int payloadBytes) throws Exception {
        for (long id = firstId; id <= lastId; id++) {
            assertEquals(id, journal.append(entry(id, payloadBytes)));
        }
    }

    private static JournalEntry entry(long id, int payloadBytes) {
        return JournalEntry.write(id, id * 7, TestRecords.payload(id, payloadBytes));
    }

    private static List<Long> replay(Journal journal, int payloadBytes) throws IOException {
        List<Long> ids = new ArrayList<>();
        journal.replay(0, record -> {
            assertEquals(record.sequence(), record.inodeId(), "record " + record.sequence());
            assertEquals(TestRecords.payload(record.inodeId(), payloadBytes), record.payload());
            ids.add(record.inodeId());
        });
        return ids;
    }

    private static List<Long> rangeOf(long first, long last) {
        return Stream.iterate(first, id -> id <= last, id -> id + 1).toList();
    }

    private static void assertZerosFrom(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (long i = position; i < bytes.length; i++) {
            if (bytes[(int) i] != 0) {
                throw new AssertionError("byte " + i + " of " + file + " is " + bytes[(int) i] + ", not zero");
            }
        }
    }
}
