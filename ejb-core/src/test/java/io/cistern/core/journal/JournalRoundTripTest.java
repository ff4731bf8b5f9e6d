package io.cistern.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {
    static final int MAX_PAYLOAD = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void recordsOfEverySizeComeBackInSequenceOrderAfterReopen() throws Exception {
        int[] sizes = {0, 1, 55, 56, 57, 4095, 4096, 65537, 1 << 20, MAX_PAYLOAD - 1, MAX_PAYLOAD};
        List<Long> sequences = new ArrayList<>();
        try (Journal journal = Journal.open(dir, JournalSettings.defaults())) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    long id = round * 100L + i;
                    sequences.add(journal.append(JournalEntry.write(id, id * 7, TestRecords.payload(id, sizes[i]))));
                }
                sequences.add(journal.append(JournalEntry.truncate(round, 12345 + round)));
                journal.sync();
            }
            assertEquals(List.of(1L, 2L, 3L), sequences.subList(0, 3), "sequences start at 1, step 1");
        }
        try (Journal journal = Journal.open(dir, JournalSettings.defaults())) {
            List<JournalRecord> records = new ArrayList<>();
            journal.replay(1, records::add);
            assertEquals(sequences.size(), records.size());
            for (int n = 0; n < records.size(); n++) {
                JournalRecord record = records.get(n);
                assertEquals(sequences.get(n), record.sequence());
                int round = n / (sizes.length + 1);
                int i = n % (sizes.length + 1);
                if (i == sizes.length) {
                    assertEquals(RecordKind.TRUNCATE, record.kind());
                    assertEquals(12345 + round, record.newSize());
                    assertEquals(0, record.length());
                } else {
                    long id = round * 100L + i;
                    assertEquals(id, record.inodeId());
                    assertEquals(id * 7, record.offset());
                    assertEquals(TestRecords.payload(id, sizes[i]), record.payload());
                    assertTrue(record.payload().isReadOnly());
                }
            }
            long next = journal.append(JournalEntry.truncate(9, 9));
            assertEquals(sequences.get(sequences.size() - 1) + 1, next, "sequences continue after a reopen");
        }
    }

    @Test
    void replayFromTheMiddleAndReadOfOneRecord() throws Exception {
        JournalSettings small = new JournalSettings(256 << 10, 64 << 20, 64 << 10);
        try (Journal journal = Journal.open(dir, small)) {
            for (long id = 1; id <= 500; id++) {
                assertEquals(id, journal.append(TestRecords.entry(id, 64 << 10)));
            }
            assertTrue(journal.stats().segments() > 3, "the records span several segments");
            List<Long> replayed = new ArrayList<>();
            journal.replay(321, record -> {
                TestRecords.assertMatches(record, 64 << 10);
                replayed.add(record.sequence());
            });
            assertEquals(180, replayed.size());
            assertEquals(321L, replayed.get(0));
            assertEquals(500L, replayed.get(179));

            JournalRecord one = journal.read(123).orElseThrow();
            assertEquals(123, one.sequence());
            TestRecords.assertMatches(one, 64 << 10);
            assertTrue(journal.read(501).isEmpty());
            assertTrue(journal.read(0).isEmpty());
        }
    }

    @Test
    void manyRecordsOfRandomSizesRoundTrip() throws Exception {
        int maxPayload = 256 << 10;
        JournalSettings settings = new JournalSettings(1 << 20, 256 << 20, maxPayload);
        try (Journal journal = Journal.open(dir, settings)) {
            for (long id = 1; id <= 3000; id++) {
                journal.append(TestRecords.entry(id, maxPayload));
                if (id % 100 == 0) {
                    journal.sync();
                }
            }
        }
        try (Journal journal = Journal.open(dir, settings)) {
            long[] expected = {1};
            journal.replay(0, record -> {
                assertEquals(expected[0]++, record.sequence());
                assertEquals(record.sequence(), record.inodeId());
                TestRecords.assertMatches(record, maxPayload);
            });
            assertEquals(3001, expected[0]);
        }
    }

    @Test
    void writeVerifierDiffersAcrossOpens() throws Exception {
        Set<Long> verifiers = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            try (Journal journal = Journal.open(dir, JournalSettings.defaults())) {
                assertEquals(journal.writeVerifier(), journal.writeVerifier(), "stable while open");
                verifiers.add(journal.writeVerifier());
            }
        }
        assertEquals(5, verifiers.size());
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSettings.defaults())) {
            IOException refused = assertThrows(IOException.class, () -> Journal.open(dir, JournalSettings.defaults()));
            assertTrue(refused.getMessage().contains("already open"), refused.getMessage());
            assertNotEquals(0, journal.stats().capacityBytes());
        }
        Journal.open(dir, JournalSettings.defaults()).close();
    }

    @Test
    void aPayloadOverTheLimitIsRefusedAndNothingIsLogged() throws Exception {
        JournalSettings settings = new JournalSettings(1 << 20, 8 << 20, 1000);
        try (Journal journal = Journal.open(dir, settings)) {
            assertThrows(IllegalArgumentException.class,
                    () -> journal.append(JournalEntry.write(1, 0, ByteBuffer.allocate(1001))));
            assertEquals(1, journal.append(JournalEntry.write(1, 0, ByteBuffer.allocate(1000))));
            assertThrows(IllegalArgumentException.class, () -> journal.sync(2), "not appended yet");
        }
    }

    @Test
    void theCallersBufferIsLeftAsItWas() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(10_000);
        direct.put(TestRecords.payload(5, 10_000)).flip().position(100);
        try (Journal journal = Journal.open(dir, JournalSettings.defaults())) {
            long sequence = journal.append(JournalEntry.write(5, 0, direct));
            assertEquals(100, direct.position());
            assertEquals(TestRecords.payload(5, 10_000).position(100), journal.read(sequence).orElseThrow().payload());
        }
    }
}
