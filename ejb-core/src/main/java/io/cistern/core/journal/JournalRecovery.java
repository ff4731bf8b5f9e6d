package io.cistern.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What {@link Journal#open} finds on disk, checked record by record.
 * <p>
 * Every segment but the newest was fdatasync'ed before the next one was created, so it must consist of
 * intact records only: anything else there is corruption, and the journal does not open. The newest may
 * end in garbage: the record being written when the process died (a prefix of it), or, after a power
 * loss, any mix of unsynced pages that did or did not reach the disk; and in the zeros the journal writes
 * ahead of small records, or in the records a spare held before it became the segment ({@link SpareSegments}).
 * That tail is cut off, and appends continue after the last intact record.
 * <p>
 * The one ambiguity: damage in the newest segment could also be a synced record gone bad. Each record
 * carries the sequence through which the journal was durable when it was written; if an intact record
 * after the damage says the damaged one had been synced, the damage is corruption and is reported. (A
 * payload that itself contains journal records could in theory mimic such a witness; it must then also
 * carry a later sequence and a matching CRC, and the result is a refusal to open, never lost data.)
 */
final class JournalRecovery {
    private static final Logger LOG = Logger.getLogger(JournalRecovery.class.getName());
    private static final byte[] MAGIC = ByteBuffer.allocate(4).putInt(RecordFormat.MAGIC).array();
    private static final int SEARCH_CHUNK_BYTES = 1 << 20;

    private JournalRecovery() {
    }

    /**
     * The journal's segments, oldest first, checked and with a torn tail cut off; everything in them is on
     * disk when this returns. An empty directory gets its first segment (sequence 1).
     */
    static List<Segment> recover(Path directory, ChannelOpener opener) throws IOException {
        List<Path> files = segmentFiles(directory);
        List<Segment> segments = new ArrayList<>();
        try {
            if (files.isEmpty()) {
                segments.add(Segment.create(directory, 1, opener));
                Segment.syncDirectory(directory);
                return segments;
            }
            for (Path file : files) {
                Segment segment = Segment.open(file, Segment.firstSequenceOf(file.getFileName().toString()), opener);
                Segment previous = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                segments.add(segment);
                scan(segment, previous, segments.size() == files.size());
            }
            // What a crashed predecessor left in the page cache is on disk from here on: new records'
            // durable-through may then cover it (see RecordFormat).
            segments.get(segments.size() - 1).force(true);
            return segments;
        } catch (IOException | RuntimeException e) {
            for (Segment segment : segments) {
                try {
                    segment.retire();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> Segment.firstSequenceOf(p.getFileName().toString()) >= 0)
                    .sorted(Comparator.comparingLong(p -> Segment.firstSequenceOf(p.getFileName().toString())))
                    .toList();
        }
    }

    /**
     * Registers the segment's intact records; cuts a torn tail when it is the newest, and so the records a spare
     * held before it became this segment: their sequences are all below its first, since none is ever reused.
     */
    private static void scan(Segment segment, Segment previous, boolean newest) throws IOException {
        if (previous != null && segment.firstSequence() != previous.lastSequence() + 1) {
            throw new JournalCorruptException(segment.path(), 0, "it starts at sequence " + segment.firstSequence()
                    + " but " + previous.path().getFileName() + " ends at " + previous.lastSequence()
                    + ": records are missing");
        }
        long fileLength = segment.fileLength();
        long position = 0;
        while (true) {
            RecordReader.Found found = RecordReader.readAt(segment, position, fileLength);
            if (found.atEnd()) {
                return;
            }
            if (!found.intact()) {
                if (!newest) {
                    throw new JournalCorruptException(segment.path(), position, found.damage()
                            + "; this segment was sealed, so wholly on disk, before the next one was started");
                }
                cutTornTail(segment, found, fileLength, false);
                return;
            }
            long expected = segment.lastSequence() + 1;
            if (newest && found.header().sequence() < segment.firstSequence()) {
                cutTornTail(segment, RecordReader.damaged(position, "record "
                        + found.header().sequence() + " from the file's use as a spare"), fileLength, true);
                return;
            }
            if (found.header().sequence() != expected) {
                throw new JournalCorruptException(segment.path(), position, "the record has sequence "
                        + found.header().sequence() + " where " + expected + " was expected");
            }
            segment.appended(expected, position, found.header().totalLength());
            position = found.nextPosition();
        }
    }

    /**
     * Cuts the newest segment at {@code damage}, unless a later record proves it corruption. {@code spareLeftovers}:
     * what lies there is an intact record from before the file became this segment.
     */
    private static void cutTornTail(Segment segment, RecordReader.Found damage, long fileLength, boolean spareLeftovers)
            throws IOException {
        long damagedSequence = segment.lastSequence() + 1;
        RecordReader.Found witness = laterRecordCovering(segment, damage.position() + 1, fileLength, damagedSequence);
        if (witness != null) {
            throw new JournalCorruptException(segment.path(), damage.position(), damage.damage() + "; yet record "
                    + witness.header().sequence() + " at byte " + witness.position() + " was written after record "
                    + damagedSequence + " had been synced (its durable-through is "
                    + witness.header().durableThrough() + ")");
        }
        if (zerosOnly(segment, damage.position(), fileLength)) {
            LOG.fine(() -> String.format("journal %s: cutting off the %d bytes of zeros written ahead of the records",
                    segment.path(), fileLength - damage.position()));
        } else if (spareLeftovers) {
            LOG.fine(() -> String.format("journal %s: cutting off the %d bytes from byte %d that it held as a spare",
                    segment.path(), fileLength - damage.position(), damage.position()));
        } else {
            LOG.warning(() -> String.format("journal %s: cutting off %d bytes from byte %d (%s): a record that was"
                    + " being written when the server stopped, never acknowledged as durable",
                    segment.path(), fileLength - damage.position(), damage.position(), damage.damage()));
        }
        segment.cutTo(damage.position());
    }

    /** Whether the bytes from {@code from} to {@code limit} are all zero: what the journal writes ahead of records. */
    private static boolean zerosOnly(Segment segment, long from, long limit) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(SEARCH_CHUNK_BYTES);
        for (long at = from; at < limit; at += chunk.limit()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), limit - at));
            segment.readFully(chunk, at);
            byte[] bytes = chunk.array();
            for (int i = 0; i < chunk.limit(); i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * An intact record at or after {@code from} whose durable-through covers {@code sequence}, or null.
     * Record boundaries past damage are unknown, so this looks for the magic number at every byte.
     */
    private static RecordReader.Found laterRecordCovering(Segment segment, long from, long limit, long sequence)
            throws IOException {
        long mostRecordsThatFit = (limit - from) / RecordFormat.HEADER_BYTES + 1;
        ByteBuffer chunk = ByteBuffer.allocate(SEARCH_CHUNK_BYTES);
        long chunkStart = from;
        while (chunkStart + MAGIC.length <= limit) {
            int length = (int) Math.min(chunk.capacity(), limit - chunkStart);
            chunk.clear().limit(length);
            segment.readFully(chunk, chunkStart);
            byte[] bytes = chunk.array();
            for (int i = 0; i + MAGIC.length <= length; i++) {
                if (bytes[i] != MAGIC[0] || bytes[i + 1] != MAGIC[1] || bytes[i + 2] != MAGIC[2] || bytes[i + 3] != MAGIC[3]) {
                    continue;
                }
                RecordReader.Found candidate = RecordReader.readAt(segment, chunkStart + i, limit);
                if (candidate.intact() && candidate.header().durableThrough() >= sequence
                        && candidate.header().sequence() > sequence
                        && candidate.header().sequence() <= sequence + mostRecordsThatFit) {
                    return candidate;
                }
            }
            // overlap by the magic's length less one, so that a magic across two chunks is seen
            chunkStart += length - (MAGIC.length - 1);
        }
        return null;
    }
}
