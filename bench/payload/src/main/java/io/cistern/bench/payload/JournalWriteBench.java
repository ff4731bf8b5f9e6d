package io.cistern.bench.payload;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.journal.Journal;
import io.cistern.core.journal.JournalEntry;
import io.cistern.core.journal.JournalFullException;
import io.cistern.core.journal.JournalSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Journal appends of 4 MiB records, one writer syncing after each (an SMB client flushing every write:
 * the journal's worst case), against {@code dd bs=4M conv=fdatasync} of the same size in the same
 * directory. The journal is opened before its clock starts, as a server opens it once at start; dd's
 * clock (its own "copied, N s") includes creating its file, as the journal's includes creating segments.
 */
final class JournalWriteBench {
    private static final Pattern DD_SECONDS = Pattern.compile("copied, ([0-9.]+) s");

    private final Path directory;
    private final int records;
    private final int runs;
    private final long bytes;

    JournalWriteBench(Path directory, int records, int runs) {
        this.directory = directory;
        this.records = records;
        this.runs = runs;
        this.bytes = (long) records * BlockStore.MAX_BLOCK;
    }

    void run(Report report) throws Exception {
        Files.createDirectories(directory);
        System.out.printf("journal write: %d records of 4 MiB, %d runs, in %s%n", records, runs, directory);
        ByteBuffer payload = ByteBuffer.allocateDirect(BlockStore.MAX_BLOCK).put(RandomBlocks.bytes(1)).flip();
        Runs journal = new Runs("journal, 1 writer, sync each record");
        Runs dd = new Runs("dd bs=4M conv=fdatasync");
        for (int run = 0; run < runs; run++) {
            // who goes first alternates, so that neither side always writes onto a freshly settled disk
            boolean ddFirst = run % 2 == 0;
            for (int side = 0; side < 2; side++) {
                Processes.settle();
                if (ddFirst == (side == 0)) {
                    dd.add(bytes, ddNanos());
                } else {
                    journal.add(bytes, journalNanos(payload));
                }
            }
        }
        report.add(Report.Figure.of("journal write, 4 MiB records, sync each", journal,
                "dd bs=4M count=" + records + " conv=fdatasync", dd, "ours/dd", 0.8));
    }

    private long journalNanos(ByteBuffer payload) throws IOException, JournalFullException {
        Path journalDirectory = directory.resolve("journal");
        // room for every record and its header, so that the journal never reports itself full
        JournalSettings settings = JournalSettings.defaults().withCapacityBytes(2 * bytes);
        try (Journal journal = Journal.open(journalDirectory, settings)) {
            long start = System.nanoTime();
            for (int record = 0; record < records; record++) {
                long fileOffset = (long) record * BlockStore.MAX_BLOCK;
                long sequence = journal.append(JournalEntry.write(1, fileOffset, payload.duplicate()));
                journal.sync(sequence);
            }
            return System.nanoTime() - start;
        } finally {
            Trees.delete(journalDirectory);
        }
    }

    private long ddNanos() throws IOException, InterruptedException {
        Path target = directory.resolve("f");
        try {
            String output = Processes.run(List.of("dd", "if=/dev/zero", "of=" + target, "bs=4M",
                    "count=" + records, "conv=fdatasync"));
            Matcher seconds = DD_SECONDS.matcher(output);
            if (!seconds.find()) {
                throw new IOException("cannot read dd's time from: " + output);
            }
            return (long) (Double.parseDouble(seconds.group(1)) * 1e9);
        } finally {
            Files.deleteIfExists(target);
        }
    }
}
