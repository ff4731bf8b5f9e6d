package io.cistern.core.payload;

import static io.cistern.core.payload.Harness.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.journal.Journal;
import io.cistern.core.journal.JournalEntry;
import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.JournalSettings;
import io.cistern.core.journal.RecordKind;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index rebuilt from a real journal at start is the one the live adds built. */
class JournalIndexRebuildTest {
    private static final long[] INODES = {7, 8};

    @TempDir
    Path dir;

    @Test
    void aRebuiltIndexMatchesTheLiveOneAndReadsItsBytesFromTheJournal() throws Exception {
        Random random = new Random(11);
        RecentWrites recent = new RecentWrites(1 << 20);
        JournalIndex live = new JournalIndex(recent);
        FileModel[] models = {new FileModel(), new FileModel()};
        try (Journal journal = Journal.open(dir, JournalSettings.defaults())) {
            for (int op = 0; op < 120; op++) {
                int which = random.nextInt(2);
                JournalEntry entry;
                if (random.nextInt(10) == 0) {
                    long size = (long) (random.nextDouble() * 2.5 * BLOCK);
                    entry = JournalEntry.truncate(INODES[which], size);
                    models[which].truncate(size);
                } else {
                    byte[] data = new byte[1 + random.nextInt(200_000)];
                    random.nextBytes(data);
                    long offset = random.nextBoolean() ? BLOCK - random.nextInt(data.length + 1)
                            : (long) (random.nextDouble() * 2 * BLOCK);
                    entry = JournalEntry.write(INODES[which], offset, ByteBuffer.wrap(data));
                    models[which].write(offset, data);
                }
                long sequence = journal.append(entry);
                live.add(new JournalRecord(sequence, entry.kind(), entry.inodeId(), entry.offset(), entry.payload()));
            }
            assertTrue(recent.heldBytes() > 0 && recent.heldBytes() <= 1 << 20);
            String work = assertSameView(live, journal, models, PayloadSource.of(journal, recent));
            assertEquals(work, assertSameView(rebuilt(journal), journal, models, PayloadSource.of(journal, null)));
        }
        try (Journal reopened = Journal.open(dir, JournalSettings.defaults())) {
            String work = assertSameView(live, reopened, models, PayloadSource.of(reopened, null));
            assertEquals(work, assertSameView(rebuilt(reopened), reopened, models, PayloadSource.of(reopened, null)));
        }
    }

    @Test
    void afterAReleaseTheRebuildStartsFromWhatIsLeft() throws Exception {
        JournalIndex live = new JournalIndex();
        try (Journal journal = Journal.open(dir, new JournalSettings(1 << 20, 8 << 20, 64 << 10))) {
            for (int i = 0; i < 40; i++) {
                JournalEntry entry = JournalEntry.write(INODES[0], i * 60_000L, ByteBuffer.wrap(new byte[60_000]));
                long sequence = journal.append(entry);
                live.add(new JournalRecord(sequence, RecordKind.WRITE, INODES[0], entry.offset(), entry.payload()));
            }
            live.forget(INODES[0], 0, 30);   // block 0 holds all 40 records: as if sealed with the first 30
            assertEquals(30, live.releasableThrough(), "records 31 on are still needed");
            live.forget(INODES[0], 0, 40);
            assertEquals(40, live.releasableThrough());
            journal.release(live.releasableThrough());

            JournalIndex rebuilt = rebuilt(journal);
            assertEquals(40, rebuilt.addedThrough());
            assertTrue(rebuilt.releasableThrough() <= 40, "released records may come back, harmlessly");
            journal.append(JournalEntry.write(INODES[0], 0, ByteBuffer.wrap(new byte[1])));
            assertEquals(40, rebuilt.addedThrough(), "record 41 is not added yet");
        }
    }

    private static JournalIndex rebuilt(Journal journal) throws Exception {
        JournalIndex index = new JournalIndex();
        index.rebuild(journal);
        return index;
    }

    /** Checks the index against the models; returns the uploader's work list, to compare between indexes. */
    private static String assertSameView(JournalIndex index, Journal journal, FileModel[] models, PayloadSource source)
            throws Exception {
        assertEquals(journal.stats().lastSequence(), index.addedThrough());
        BlockAssembler assembler = new BlockAssembler(index, source);
        for (int i = 0; i < INODES.length; i++) {
            assertEquals(models[i].size(), index.size(INODES[i]), "size of " + INODES[i]);
            for (long b = 0; b <= models[i].blockCount(); b++) {
                assertArrayEquals(models[i].block(b), assembler.assemble(INODES[i], b, models[i].size(), (from, to) -> null),
                        "inode " + INODES[i] + " block " + b);
            }
        }
        List<DirtyBlock> dirty = index.dirtyBlocks().stream()
                .sorted(Comparator.comparingLong(DirtyBlock::inodeId).thenComparingLong(DirtyBlock::blockIndex)).toList();
        List<PendingTruncation> truncations = index.pendingTruncations().stream()
                .sorted(Comparator.comparingLong(PendingTruncation::inodeId)).toList();
        return dirty + " " + truncations + " " + index.releasableThrough();
    }
}
