package io.cistern.core.journal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link JournalCrashTest}: appends records from several threads until it is
 * killed. Each thread syncs every few records and then prints {@code A <sequence> <id>} for each record
 * the sync covered; that line is the promise the parent checks after the SIGKILL. A thread also releases
 * old records now and then, and prints {@code R <sequence>} before it does: from then on the parent no
 * longer expects those records.
 * <p>
 * Arguments: journal directory, first id, thread count.
 */
public final class CrashingAppender {
    static final int MAX_PAYLOAD = 256 << 10;
    static final JournalSettings SETTINGS = new JournalSettings(1 << 20, 48 << 20, MAX_PAYLOAD);
    /** Records kept behind the newest when releasing: some 15 MB, so that many promises outlive a kill. */
    static final long KEEP = 1000;

    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private CrashingAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        AtomicLong nextId = new AtomicLong(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        Journal journal = Journal.open(directory, SETTINGS);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> appendUntilKilled(journal, nextId), "appender-" + t);
            worker.start();
        }
    }

    private static void appendUntilKilled(Journal journal, AtomicLong nextId) {
        try {
            StringBuilder acknowledged = new StringBuilder();
            for (int n = 1; ; n++) {
                long id = nextId.getAndIncrement();
                long sequence = appendMakingRoom(journal, TestRecords.entry(id, MAX_PAYLOAD));
                acknowledged.append("A ").append(sequence).append(' ').append(id).append('\n');
                if (n % 3 == 0) {
                    journal.sync(sequence);
                    print(acknowledged);
                    acknowledged.setLength(0);
                }
                if (n % 50 == 0) {
                    release(journal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long appendMakingRoom(Journal journal, JournalEntry entry) throws IOException {
        while (true) {
            try {
                return journal.append(entry);
            } catch (JournalFullException full) {
                release(journal);
            }
        }
    }

    /** Releases all but the newest records, announcing it first: a kill may come before release returns. */
    private static void release(Journal journal) throws IOException {
        long released = journal.stats().lastSequence() - KEEP;
        if (released > 0) {
            print(new StringBuilder("R ").append(released).append('\n'));
            journal.release(released);
        }
    }

    /** One write(2) per batch of lines, so that a kill never leaves half a line but at the very end. */
    private static void print(CharSequence lines) throws IOException {
        synchronized (OUT) {
            OUT.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }
}
