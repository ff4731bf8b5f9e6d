package io.cistern.core.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file, {@code segment-<first sequence, 20 digits>.log}: the records from its first sequence
 * on, back to back. Only the journal's newest segment is written; the older ones are sealed (and were
 * fdatasync'ed when sealed).
 * <p>
 * Interrupts: a {@link FileChannel} closes itself when a thread blocked in it is interrupted, which would
 * take the file away from every other writer and syncer. Application-server threads do get interrupted
 * (cancelled requests), so every channel call goes through {@link #perform}: it clears the caller's
 * interrupt flag for the call, reopens the file if the channel was closed under it, retries, and sets the
 * flag again afterwards. Each action is written to be safe to repeat.
 * <p>
 * Size, file length, last sequence and the record positions are guarded by the journal's append lock.
 */
final class Segment {
    private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.log");
    /** An interrupt can close the channel once per attempt; more than this in a row is not bad luck. */
    private static final int ATTEMPTS = 8;
    /** Read-only in effect: only ever written from, through duplicates. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10);

    /** Something to do with the segment's channel; must be safe to run again on a reopened channel. */
    @FunctionalInterface
    interface ChannelAction<T> {
        T apply(FileChannel channel) throws IOException;
    }

    private final Path path;
    private final long firstSequence;
    private final ChannelOpener opener;
    private volatile FileChannel channel;
    private volatile boolean retired;

    private long size;
    /** The file's length as this segment wrote it: {@link #size}, or more where zeros were written ahead. */
    private long fileLength;
    private long lastSequence;
    /** Where each record starts: positions[sequence - firstSequence]; ints, as segments are at most 1 GiB. */
    private int[] positions = new int[256];

    private Segment(Path path, long firstSequence, ChannelOpener opener, FileChannel channel) {
        this.path = path;
        this.firstSequence = firstSequence;
        this.opener = opener;
        this.channel = channel;
        this.lastSequence = firstSequence - 1;
    }

    /** Creates the (empty) file for a segment whose first record will be {@code firstSequence}. */
    static Segment create(Path directory, long firstSequence, ChannelOpener opener) throws IOException {
        Path path = directory.resolve(fileName(firstSequence));
        return new Segment(path, firstSequence, opener, opener.open(path, true));
    }

    /**
     * Opens an existing segment file: one whose records recovery then registers through {@link #appended}, or a
     * spare just renamed to it, whose earlier records the new ones are written over ({@link SpareSegments}).
     */
    static Segment open(Path path, long firstSequence, ChannelOpener opener) throws IOException {
        Segment segment = new Segment(path, firstSequence, opener, opener.open(path, false));
        segment.fileLength = segment.perform(FileChannel::size);
        return segment;
    }

    static String fileName(long firstSequence) {
        return String.format("segment-%020d.log", firstSequence);
    }

    /** The first sequence a segment file name carries, or -1 if {@code fileName} is not a segment's. */
    static long firstSequenceOf(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    Path path() {
        return path;
    }

    long firstSequence() {
        return firstSequence;
    }

    /** The sequence of its newest record; firstSequence - 1 while empty. */
    long lastSequence() {
        return lastSequence;
    }

    /**
     * Bytes of whole records. The file may be longer, by zeros written ahead of them ({@link #zeroFillTo}) or by a
     * spare's earlier records, until the segment is sealed or closed ({@link #trimToRecords}); recovery cuts either
     * off after a crash.
     */
    long size() {
        return size;
    }

    /** How long the file is as far as this segment wrote it: at least {@link #size}. */
    long fileLength() {
        return fileLength;
    }

    boolean isEmpty() {
        return lastSequence < firstSequence;
    }

    boolean isRetired() {
        return retired;
    }

    /** Registers the record {@code sequence}, {@code length} bytes at {@code position} (the current end). */
    void appended(long sequence, long position, int length) {
        int index = (int) (sequence - firstSequence);
        if (index != lastSequence + 1 - firstSequence || position != size) {
            throw new IllegalStateException("record " + sequence + " at " + position + " does not follow record "
                    + lastSequence + " ending at " + size + " in " + path);
        }
        if (index == positions.length) {
            positions = Arrays.copyOf(positions, positions.length * 2);
        }
        positions[index] = Math.toIntExact(position);
        size = position + length;
        lastSequence = sequence;
    }

    /** Where record {@code sequence} starts, or -1 if this segment does not hold it. */
    long positionOf(long sequence) {
        if (sequence < firstSequence || sequence > lastSequence) {
            return -1;
        }
        return positions[(int) (sequence - firstSequence)];
    }

    /** Writes header and payload (both from their positions) at {@code position}, completely. */
    void write(ByteBuffer header, ByteBuffer payload, long position) throws IOException {
        perform(file -> {
            ByteBuffer[] record = {header.duplicate(), payload.duplicate()};
            file.position(position);
            while (record[0].hasRemaining() || record[1].hasRemaining()) {
                file.write(record);
            }
            return null;
        });
        fileLength = Math.max(fileLength, position + header.remaining() + payload.remaining());
    }

    /**
     * Writes zeros from the file's end up to {@code length}. Records written over them later leave the file's size
     * as it is, so the fdatasync that makes them durable has no inode to write. Stops at the first failure (a full
     * disk), keeping what was written.
     */
    void zeroFillTo(long length) throws IOException {
        while (fileLength < length) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), length - fileLength));
            long at = fileLength;
            perform(file -> {
                ByteBuffer remaining = zeros.duplicate();
                while (remaining.hasRemaining()) {
                    file.write(remaining, at + remaining.position());
                }
                return null;
            });
            fileLength = at + zeros.remaining();
        }
    }

    /**
     * Cuts whatever follows the records (zeros written ahead, what a failed zero fill left, or a spare's earlier
     * records), so that the file holds whole records only: a sealed segment must, since recovery takes anything else
     * in one for damage.
     */
    void trimToRecords() throws IOException {
        if (perform(FileChannel::size) > size) {
            cutTo(size);
        }
    }

    /** Fills {@code target} from {@code position} on. */
    void readFully(ByteBuffer target, long position) throws IOException {
        perform(file -> {
            ByteBuffer into = target.duplicate();
            long at = position;
            while (into.hasRemaining()) {
                int read = file.read(into, at);
                if (read < 0) {
                    throw new EOFException(path + " ends before byte " + (at + into.remaining()));
                }
                at += read;
            }
            target.position(target.limit());
            return null;
        });
    }

    /** fdatasync: the records written so far, and the file size, are on disk once this returns. */
    void force() throws IOException {
        force(false);
    }

    /** fsync ({@code withMetadata}) or fdatasync. */
    void force(boolean withMetadata) throws IOException {
        perform(file -> {
            file.force(withMetadata);
            return null;
        });
    }

    /** Cuts the file to {@code length} bytes (a failed write, or a torn tail) and forgets records past it. */
    void cutTo(long length) throws IOException {
        perform(file -> {
            file.truncate(length);
            return null;
        });
        size = Math.min(size, length);
        fileLength = Math.min(fileLength, length);
    }

    /** Closes the file for good (the segment was released, or the journal closed). */
    void retire() throws IOException {
        retired = true;
        channel.close();
    }

    /** Runs {@code action}, shielded from interrupts as the class comment explains. */
    <T> T perform(ChannelAction<T> action) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                FileChannel file = channel;
                try {
                    return action.apply(file);
                } catch (ClosedChannelException closed) {
                    interrupted |= Thread.interrupted();
                    if (retired || attempt == ATTEMPTS) {
                        throw closed;
                    }
                    reopenIfStill(file);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Replaces {@code closed} with a fresh channel, unless another thread has done so already. */
    private synchronized void reopenIfStill(FileChannel closed) throws IOException {
        if (channel == closed && !retired) {
            channel = opener.open(path, false);
        }
    }

    /** fsync of a directory, so that names created or removed in it survive a crash. */
    static void syncDirectory(Path directory) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try (FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ)) {
                    handle.force(true);
                    return;
                } catch (ClosedChannelException closed) {
                    interrupted |= Thread.interrupted();
                    if (attempt == ATTEMPTS) {
                        throw closed;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
