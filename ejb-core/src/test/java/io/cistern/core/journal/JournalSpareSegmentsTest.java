package io.cistern.core.journal;

import static io.cistern.core.journal.JournalSpaceTest.PAYLOAD;
import static io.cistern.core.journal.JournalSpaceTest.RECORD;
import static io.cistern.core.journal.JournalSpaceTest.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@link JournalSpaceTest}'s settings: ten records a segment, four segments' worth of capacity, five files. */
class JournalSpareSegmentsTest {
    @TempDir
    Path dir;

    @Test
    void aReleasedSegmentIsWrittenOverAsALaterOneInsteadOfDeleted() throws Exception {
        Object firstFile;
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, 25);
            firstFile = inode(dir.resolve(Segment.fileName(1)));
            journal.release(15);
            assertEquals(List.of("segment-00000000000000000011.log", "segment-00000000000000000021.log",
                    "spare-00000000000000000001.log"), files());
            assertEquals(firstFile, inode(dir.resolve("spare-00000000000000000001.log")));

            append(journal, 26, 31);   // 31 no longer fits in 21..30: the spare becomes segment 31
            assertEquals(List.of("segment-00000000000000000011.log", "segment-00000000000000000021.log",
                    "segment-00000000000000000031.log"), files());
            assertEquals(firstFile, inode(dir.resolve(Segment.fileName(31))));
            assertEquals(10L * RECORD, Files.size(dir.resolve(Segment.fileName(31))),
                    "record 31 was written over the spare's earlier records, into a file of their length");
            assertEquals(31, journal.read(31).orElseThrow().inodeId());
        }
        assertEquals(1L * RECORD, Files.size(dir.resolve(Segment.fileName(31))), "a clean close trims to the records");
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(LongStream.rangeClosed(11, 31).boxed().toList(), replayIds(journal));
        }
    }

    /**
     * A reader that found record 1 before its segment was given up and written over finds record 21 where it looks:
     * that is never taken for record 1 (the journal then answers "released").
     */
    @Test
    void aRecordFoundWhereAnEarlierOneWasIsNotTakenForIt() throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, 20);
            SegmentChain.Stretch first = journal.locate(1);
            journal.release(20);   // 1..10's file becomes segment 21
            append(journal, 21, 21);
            assertTrue(journal.read(1).isEmpty());
            Segment sameFile = Segment.open(dir.resolve(Segment.fileName(21)), 21, ChannelOpener.FILES);
            try {
                JournalCorruptException error = assertThrows(JournalCorruptException.class,
                        () -> RecordReader.readIntact(sameFile, first.start(), first.end(), 1));
                assertTrue(error.getMessage().contains("record 21 where record 1 was written"), error.getMessage());
                assertEquals(21, RecordReader.readIntact(sameFile, first.start(), first.end(), 21).inodeId());
            } finally {
                sameFile.retire();
            }
        }
    }

    @Test
    void sparesOutliveARestartAndAreUsedAfterIt() throws Exception {
        Object firstFile;
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, 20);
            firstFile = inode(dir.resolve(Segment.fileName(1)));
            journal.release(10);
        }
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 21, 21);
            assertEquals(firstFile, inode(dir.resolve(Segment.fileName(21))));
            assertEquals(List.of("segment-00000000000000000011.log", "segment-00000000000000000021.log"), files());
        }
    }

    @Test
    void aLowerCapacityAtTheNextStartDeletesTheSparesItNoLongerNeeds() throws Exception {
        JournalSettings large = SETTINGS.withCapacityBytes(100L * RECORD);
        try (Journal journal = Journal.open(dir, large)) {
            append(journal, 1, 80);
            journal.release(80);   // eight segments given up, one of them taken again as the new current one
        }
        assertEquals(7, files().stream().filter(name -> name.startsWith("spare-")).count());
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            List<String> files = files();
            assertEquals(SpareSegments.limitFor(SETTINGS), files.size(), files.toString());
            assertEquals(1, files.stream().filter(name -> name.startsWith("segment-")).count());
            append(journal, 81, 120);
            assertEquals(SpareSegments.limitFor(SETTINGS), files().size(), "no file created while spares are left");
        }
    }

    @Test
    void afterACrashTheRecordsASpareHeldBeforeAreCutOffAndTheNewOnesKept() throws Exception {
        byte[] earlierUse = writeOverTheFirstSegment(23, 23);
        Path newest = crashLeavingEarlierRecordsFrom(earlierUse, 3);

        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(List.of(21L, 22L, 23L), replayIds(journal));
            assertEquals(3L * RECORD, Files.size(newest));
            assertEquals(24, journal.append(entry(24)));
        }
    }

    @Test
    void aTornRecordOverASparesEarlierRecordsEndsTheLogThere() throws Exception {
        byte[] earlierUse = writeOverTheFirstSegment(22, 22);
        Path newest = crashLeavingEarlierRecordsFrom(earlierUse, 2);
        byte[] torn = Arrays.copyOf(JournalRecoveryTest.recordBytes(23, 22, entry(23)), RECORD / 2);
        writeAt(newest, torn, 2L * RECORD);

        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(List.of(21L, 22L), replayIds(journal));
            assertEquals(2L * RECORD, Files.size(newest));
        }
    }

    @Test
    void aSyncedRecordDamagedInASpareIsStillReportedAsCorruption() throws Exception {
        byte[] earlierUse = writeOverTheFirstSegment(24, 22);   // 23's and 24's durable-through say 22 was on disk
        Path newest = crashLeavingEarlierRecordsFrom(earlierUse, 4);
        JournalRecoveryTest.flipByteAt(newest, RECORD + RecordFormat.HEADER_BYTES);   // record 22's payload

        JournalCorruptException error = assertThrows(JournalCorruptException.class, () -> Journal.open(dir, SETTINGS));
        assertEquals(RECORD, error.position());
        assertTrue(error.getMessage().contains("had been synced"), error.getMessage());
    }

    /**
     * Records 1 to 20; all released, so that the file of 1 to 10 becomes segment 21, written over by 21 to
     * {@code lastId} (synced after {@code syncedThrough}, and at the end). Returns what that file held before.
     */
    private byte[] writeOverTheFirstSegment(long lastId, long syncedThrough) throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            append(journal, 1, 20);
            byte[] earlierUse = Files.readAllBytes(dir.resolve(Segment.fileName(1)));
            journal.release(20);
            append(journal, 21, syncedThrough);
            journal.sync();
            append(journal, syncedThrough + 1, lastId);
            journal.sync();
            return earlierUse;
        }
    }

    /** What a crash leaves of segment 21: the clean close's trim never happened, the earlier records follow. */
    private Path crashLeavingEarlierRecordsFrom(byte[] earlierUse, int records) throws Exception {
        Path newest = dir.resolve(Segment.fileName(21));
        assertEquals((long) records * RECORD, Files.size(newest));
        writeAt(newest, Arrays.copyOfRange(earlierUse, records * RECORD, earlierUse.length), (long) records * RECORD);
        return newest;
    }

    private static void append(Journal journal, long firstId, long lastId) throws Exception {
        for (long id = firstId; id <= lastId; id++) {
            assertEquals(id, journal.append(entry(id)));
        }
    }

    private static List<Long> replayIds(Journal journal) throws Exception {
        List<Long> ids = new ArrayList<>();
        journal.replay(0, record -> {
            assertEquals(TestRecords.payload(record.inodeId(), PAYLOAD), record.payload());
            ids.add(record.inodeId());
        });
        return ids;
    }

    /** Records of one size, so that a test knows where each lies. */
    private static JournalEntry entry(long id) {
        return JournalEntry.write(id, id * 7, TestRecords.payload(id, PAYLOAD));
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino");
    }

    private static void writeAt(Path file, byte[] bytes, long position) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
        }
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
        }
    }
}
