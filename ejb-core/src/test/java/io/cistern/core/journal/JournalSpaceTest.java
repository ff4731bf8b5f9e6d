package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSpaceTest {
    static final int PAYLOAD = 10_000;
    static final int RECORD = RecordFormat.HEADER_BYTES + PAYLOAD;
    /** Ten records a segment, four segments' worth of capacity. */
    static final JournalSettings SETTINGS = new JournalSettings(10L * RECORD, 40L * RECORD, PAYLOAD);

    @TempDir
    Path dir;

    @Test
    void segmentsRollOverWhenFullAndReleaseDeletesWholeOnes() throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            appendRecords(journal, 25);
            assertEquals(List.of(Segment.fileName(1), Segment.fileName(11), Segment.fileName(21)), segmentFiles());
            assertEquals(10L * RECORD, Files.size(dir.resolve(Segment.fileName(1))));
            assertEquals(25L * RECORD, journal.stats().usedBytes());

            journal.release(15);   // segment 1..10 is wholly released, 11..20 only partly
            assertEquals(List.of(Segment.fileName(11), Segment.fileName(21)), segmentFiles());
            assertEquals(15L * RECORD, journal.stats().usedBytes());
            assertEquals(11, journal.stats().firstSequence());
            assertTrue(journal.read(10).isEmpty());
            assertEquals(11, journal.read(11).orElseThrow().sequence());

            journal.release(25);   // everything: the current segment is sealed and deleted too
            assertEquals(List.of(Segment.fileName(26)), segmentFiles());
            assertEquals(0, journal.stats().usedBytes());
            assertEquals(26, journal.append(JournalEntry.write(26, 0, ByteBuffer.allocate(PAYLOAD))));
        }
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            assertEquals(26, journal.stats().firstSequence());
            assertEquals(26, journal.stats().lastSequence());
        }
    }

    @Test
    void aFullJournalSaysTryAgainAndAReleaseMakesRoom() throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            appendRecords(journal, 40);
            JournalFullException full = assertThrows(JournalFullException.class,
                    () -> journal.append(JournalEntry.write(41, 0, ByteBuffer.allocate(PAYLOAD))));
            assertEquals(RECORD, full.neededBytes());
            assertEquals(0, full.freeBytes());
            assertFalse(journal.awaitSpace(PAYLOAD, Duration.ofMillis(20)));
            assertThrows(JournalFullException.class,
                    () -> journal.append(JournalEntry.write(41, 0, ByteBuffer.allocate(PAYLOAD)), Duration.ofMillis(20)));
            assertTrue(journal.awaitSpace(0, Duration.ZERO) == false, "not even an empty record fits");

            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return journal.append(JournalEntry.write(41, 0, ByteBuffer.allocate(PAYLOAD)), Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(50);
            assertFalse(waiting.isDone(), "the writer is slowed, not failed");
            journal.release(10);
            assertEquals(41, waiting.get(10, TimeUnit.SECONDS));
            assertTrue(journal.awaitSpace(PAYLOAD, Duration.ZERO));
        }
    }

    @Test
    void aFullDiskIsItsOwnErrorAndTheJournalCarriesOnWhenSpaceReturns() throws Exception {
        InstrumentedChannel.Disk disk = new InstrumentedChannel.Disk();
        // appended records, no zeros written ahead of them (JournalPreallocationTest fills a disk with those)
        try (Journal journal = Journal.open(dir, SETTINGS.withPreallocateBytes(0), disk.opener())) {
            appendRecords(journal, 3);
            disk.spaceLeft.set(RECORD + RECORD / 2);   // room for one record and half of the next
            appendRecords(journal, 1);
            JournalNoSpaceException noSpace = assertThrows(JournalNoSpaceException.class,
                    () -> journal.append(JournalEntry.write(5, 0, ByteBuffer.allocate(PAYLOAD))));
            assertTrue(noSpace.getMessage().contains("no space"), noSpace.getMessage());
            assertEquals(4L * RECORD, Files.size(dir.resolve(Segment.fileName(1))), "the half record was cut off");
            assertEquals(4, journal.stats().lastSequence(), "no sequence was used up");

            disk.spaceLeft.set(-1);
            appendRecords(journal, 1);
            journal.sync();
        }
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            long[] next = {1};
            journal.replay(0, record -> assertEquals(next[0]++, record.sequence()));
            assertEquals(6, next[0]);
        }
    }

    @Test
    void anInterruptedWriterNeitherBreaksTheJournalNorLosesItsInterrupt() throws Exception {
        try (Journal journal = Journal.open(dir, SETTINGS)) {
            appendRecords(journal, 2);
            Thread.currentThread().interrupt();
            long sequence = journal.append(JournalEntry.write(3, 0, ByteBuffer.allocate(PAYLOAD)));
            journal.sync(sequence);
            assertTrue(journal.read(1).isPresent());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            appendRecords(journal, 1);
            journal.sync();
        }
    }

    private static void appendRecords(Journal journal, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            journal.append(JournalEntry.write(i, 0, ByteBuffer.allocate(PAYLOAD)));
        }
    }

    private List<String> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segment-")).sorted().toList();
        }
    }
}
