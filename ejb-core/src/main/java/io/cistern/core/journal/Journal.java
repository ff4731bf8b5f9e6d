package io.cistern.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * The payload journal: records appended to segment files in one directory, acknowledged from the page cache, made
 * durable by {@link #sync}, replayed at start, and given up segment by segment once uploaded (kept to be written
 * over: {@link SpareSegments}). Safe for use by many threads. The record format is described in {@link RecordFormat},
 * what {@link #open} does with what it finds in {@link JournalRecovery}, the sync protocol in {@link GroupCommit}.
 * <p>
 * Locking. The append lock orders appends: a record's sequence number is taken and its bytes written
 * under it, so file order is sequence order and a crashed process leaves a prefix of the log (plus at most
 * one partial record). The checksum of the payload, the costly part, is computed before taking it. It
 * also guards the segment list and the used bytes. The force lock (in {@link GroupCommit}) is held by
 * the one sync that is forcing, and by release and close, so that no segment is closed under a force.
 * Order: force lock, then append lock.
 * <p>
 * Full journal: {@link #append(JournalEntry)} never waits; it throws {@link JournalFullException}.
 * {@link #append(JournalEntry, Duration)} waits up to a bound for {@link #release} to make room first (what the
 * server's writes use, so that a client is answered "try again later", NFS3ERR_JUKEBOX, only when the upload frees
 * nothing for that long), and {@link #awaitSpace} waits without appending. None of them is an I/O failure.
 * <p>
 * Zeros. A small record is written over zeros written ahead of it, up to {@link JournalSettings#preallocateBytes}
 * ({@code preallocate} says why); sealing a segment and closing the journal cut them off again, and recovery cuts
 * off what a crash left of them.
 * <p>
 * Failure. After a failed fdatasync the journal refuses all further work and must be reopened (see
 * {@link JournalHealth} for why). A full disk is different: see {@link JournalNoSpaceException}.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    private final Path directory;
    private final JournalSettings settings;
    private final ChannelOpener opener;
    private final DirectoryLock directoryLock;
    private final long writeVerifier = new SecureRandom().nextLong();
    private final GroupCommit commit;
    private final LongAdder appends = new LongAdder();
    private final JournalHealth health;

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition spaceFreed = appendLock.newCondition();
    /** Guarded by the append lock. */
    private final SegmentChain chain;
    /** Guarded by the append lock. */
    private final SpareSegments spares;
    /** Written under the append lock; read without it by sync's argument check. */
    private volatile long lastSequence;
    /** Bytes of records appended since the journal was opened; written under the append lock. */
    private volatile long appendedBytes;
    /** How many of those an fdatasync has covered: a sync's or a seal's. */
    private final AtomicLong forcedBytes = new AtomicLong();
    /** Run after an append leaves at least {@code writebackThreshold} bytes unforced (see {@link JournalWriteback}). */
    private volatile Runnable writebackDue;
    private volatile long writebackThreshold = Long.MAX_VALUE;

    private Journal(Path directory, JournalSettings settings, ChannelOpener opener, DirectoryLock directoryLock,
                    List<Segment> recovered, SpareSegments spares) {
        this.directory = directory;
        this.settings = settings;
        this.opener = opener;
        this.directoryLock = directoryLock;
        this.health = new JournalHealth(directory);
        this.chain = new SegmentChain(recovered);
        this.spares = spares;
        lastSequence = chain.current().lastSequence();
        commit = new GroupCommit(lastSequence);
    }

    /**
     * Opens the journal in {@code directory} (created if missing): checks every record, cuts off a torn
     * tail, and makes everything found durable.
     *
     * @throws JournalCorruptException if a record that had been on disk is damaged or records are missing
     * @throws IOException             also if another journal has this directory open
     */
    public static Journal open(Path directory, JournalSettings settings) throws IOException {
        return open(directory, settings, ChannelOpener.FILES);
    }

    static Journal open(Path directory, JournalSettings settings, ChannelOpener opener) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        DirectoryLock lock = DirectoryLock.acquire(absolute);
        try {
            List<Segment> recovered = JournalRecovery.recover(absolute, opener);
            SpareSegments spares = SpareSegments.find(absolute, SpareSegments.limitFor(settings), recovered.size());
            Journal journal = new Journal(absolute, settings, opener, lock, recovered, spares);
            LOG.info(() -> String.format("journal %s open: records %d to %d, %d bytes in %d segments, %d spare",
                    absolute, journal.chain.firstSequence(), journal.lastSequence, journal.chain.usedBytes(),
                    recovered.size(), spares.count()));
            return journal;
        } catch (IOException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException unlocking) {
                e.addSuppressed(unlocking);
            }
            throw e;
        }
    }

    /**
     * Logs {@code entry} and returns its sequence number once its bytes are in the page cache (durable
     * against a crash of this process, not of the machine: see {@link #sync}). Never waits for space.
     *
     * @throws JournalFullException     the journal holds its capacity; try again after a release
     * @throws JournalNoSpaceException  the disk is full; nothing was logged, try again later
     * @throws IllegalArgumentException the payload exceeds {@link JournalSettings#maxPayloadBytes()}
     */
    public long append(JournalEntry entry) throws JournalFullException, IOException {
        CRC32C payloadChecksum = checksumOf(entry);
        appendLock.lock();
        try {
            return appendIfRoom(entry, payloadChecksum);
        } finally {
            appendLock.unlock();
        }
    }

    /** Like {@link #append(JournalEntry)}, but waits up to {@code maxWait} for space before giving up. */
    public long append(JournalEntry entry, Duration maxWait)
            throws JournalFullException, IOException, InterruptedException {
        CRC32C payloadChecksum = checksumOf(entry);
        appendLock.lockInterruptibly();
        try {
            waitForSpace(RecordFormat.HEADER_BYTES + entry.payloadLength(), maxWait.toNanos());
            return appendIfRoom(entry, payloadChecksum);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Waits up to {@code maxWait} until a record with {@code payloadBytes} of payload would fit. True if it
     * would; another writer may still take the space first.
     */
    public boolean awaitSpace(int payloadBytes, Duration maxWait) throws InterruptedException, IOException {
        appendLock.lockInterruptibly();
        try {
            waitForSpace(RecordFormat.HEADER_BYTES + payloadBytes, maxWait.toNanos());
            return fits(RecordFormat.HEADER_BYTES + payloadBytes);
        } finally {
            appendLock.unlock();
        }
    }

    /** Returns once every record up to {@code sequence} is on disk; it then survives a crash of the machine. */
    public void sync(long sequence) throws IOException {
        requireAppended(sequence);
        commit.awaitDurable(sequence, this::forceAppended);
    }

    /** Returns once every record appended so far is on disk. */
    public void sync() throws IOException {
        sync(lastSequence);
    }

    /**
     * Everything up to {@code sequence} has been uploaded and is no longer needed. Segments holding nothing
     * newer are given up (kept as spares to write over, see {@link SpareSegments}, or deleted) and their bytes
     * count as free; the current one is first sealed if it is wholly released. Records not in a given-up segment
     * stay readable and are replayed again after a restart.
     */
    public void release(long sequence) throws IOException {
        requireAppended(sequence);
        boolean anyGivenUp = commit.exclusively(() -> {
            appendLock.lock();
            try {
                health.ensureUsable();
                int givenUp = chain.releaseSealed(sequence, spares);
                if (!chain.current().isEmpty() && chain.current().lastSequence() <= sequence) {
                    rollOver();
                    givenUp += chain.releaseSealed(sequence, spares);
                }
                return givenUp > 0;
            } finally {
                spaceFreed.signalAll();
                appendLock.unlock();
            }
        });
        if (anyGivenUp) {
            // so that a crash cannot bring back an older given-up segment without a newer one: recovery would
            // see the gap as missing records
            Segment.syncDirectory(directory);
        }
    }

    /**
     * Feeds every record from {@code fromSequence} on (or from the oldest one held), in sequence order, to
     * {@code consumer}: how the payload service rebuilds its index at start. Records released while this
     * runs may be skipped.
     */
    public void replay(long fromSequence, Consumer<? super JournalRecord> consumer) throws IOException {
        List<SegmentChain.Stretch> stretches;
        appendLock.lock();
        try {
            health.ensureOpen();
            stretches = chain.from(fromSequence);
        } finally {
            appendLock.unlock();
        }
        for (SegmentChain.Stretch stretch : stretches) {
            replayStretch(stretch, consumer);
        }
    }

    /** Record {@code sequence}, or empty if it was released (or never appended). */
    public Optional<JournalRecord> read(long sequence) throws IOException {
        SegmentChain.Stretch stretch = locate(sequence);
        if (stretch == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordReader.readIntact(stretch.segment(), stretch.start(), stretch.end(), sequence));
        } catch (ClosedChannelException | JournalCorruptException e) {
            // released while we read: closed under us, or already written over as a spare (SpareSegments)
            if (stretch.segment().isRetired() && !health.isClosed()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Where record {@code sequence} lies now, or null if no segment holds it (also for tests). */
    SegmentChain.Stretch locate(long sequence) throws IOException {
        appendLock.lock();
        try {
            health.ensureOpen();
            return chain.locate(sequence);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * A value that changes with every open of the journal (the NFS WRITE verifier): a client that sees it
     * change must resend the writes it has not committed. Random, and stored nowhere.
     */
    public long writeVerifier() {
        return writeVerifier;
    }

    public JournalStats stats() {
        appendLock.lock();
        try {
            return new JournalStats(chain.firstSequence(), lastSequence, commit.durableThrough(), chain.usedBytes(),
                    settings.capacityBytes(), chain.count(), appends.sum(), commit.syncCalls(), commit.forces());
        } finally {
            appendLock.unlock();
        }
    }

    public Path directory() {
        return directory;
    }

    /** Forces what is unsynced (unless the journal has failed), closes the files and unlocks the directory. */
    @Override
    public void close() throws IOException {
        commit.exclusively(() -> {
            appendLock.lock();
            try {
                if (health.isClosed()) {
                    return null;
                }
                health.markClosed();
                spaceFreed.signalAll();
                IOException problem = chain.closeAll(!health.failed());
                try {
                    directoryLock.close();
                } catch (IOException e) {
                    if (problem == null) {
                        throw e;
                    }
                    problem.addSuppressed(e);
                }
                if (problem != null) {
                    throw problem;
                }
                return null;
            } finally {
                appendLock.unlock();
            }
        });
    }

    /** The append itself, under the append lock. */
    private long appendIfRoom(JournalEntry entry, CRC32C payloadChecksum) throws JournalFullException, IOException {
        health.ensureUsable();
        int recordBytes = RecordFormat.HEADER_BYTES + entry.payloadLength();
        if (!fits(recordBytes)) {
            throw new JournalFullException(recordBytes, settings.capacityBytes() - chain.usedBytes());
        }
        if (!chain.current().isEmpty() && chain.current().size() + recordBytes > settings.segmentBytes()) {
            rollOver();
        }
        long sequence = lastSequence + 1;
        ByteBuffer header = RecordFormat.header(entry, sequence, commit.durableThrough(), payloadChecksum);
        Segment segment = chain.current();
        long start = segment.size();
        preallocate(segment, recordBytes);
        try {
            segment.write(header, entry.payloadForWriting(), start);
        } catch (IOException e) {
            throw undoFailedWrite(segment, start, recordBytes, e);
        }
        chain.appended(sequence, start, recordBytes);
        lastSequence = sequence;
        appendedBytes += recordBytes;
        appends.increment();
        if (appendedBytes - forcedBytes.get() >= writebackThreshold) {
            Runnable due = writebackDue;
            if (due != null) {
                due.run();
            }
        }
        return sequence;
    }

    /** Bytes appended that no fdatasync has covered yet. */
    long unforcedBytes() {
        return appendedBytes - forcedBytes.get();
    }

    /** {@code due} runs whenever an append leaves {@code thresholdBytes} or more unforced; null stops it. */
    void onUnforced(long thresholdBytes, Runnable due) {
        writebackDue = due;
        writebackThreshold = due == null ? Long.MAX_VALUE : thresholdBytes;
    }

    /**
     * Writes zeros ahead of a small record that would grow the file, so that it and the next ones are written over
     * them. An fdatasync of bytes that grew the file must also write its size (its inode); over zeros it writes the
     * pages alone: on the build machine's ext4, 105-117 µs instead of 175-197 µs, which is most of what an NFS
     * COMMIT or a FILE_SYNC write of a small file waits for. Large records are appended as before: zeros written
     * first would double their writes. A zero fill that fails (a full disk) is cut back off, and the record is
     * appended, or its own write says what is wrong.
     */
    private void preallocate(Segment segment, int recordBytes) {
        long end = segment.size() + recordBytes;
        if (recordBytes > settings.preallocateBytes() / 4 || end <= segment.fileLength()) {
            return;
        }
        try {
            segment.zeroFillTo(Math.min(settings.segmentBytes(), end + settings.preallocateBytes()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "zeros could not be written ahead in " + segment.path(), e);
            try {
                segment.trimToRecords();   // on a nearly full disk, the space they took may be what the record needs
            } catch (IOException trimming) {
                LOG.log(Level.FINE, "the zeros written ahead in " + segment.path() + " could not be cut off", trimming);
            }
        }
    }

    /** Cuts a partly written record back out, so that the next append starts on a record boundary. */
    private IOException undoFailedWrite(Segment segment, long start, int recordBytes, IOException cause) {
        try {
            segment.cutTo(start);
        } catch (IOException undo) {
            cause.addSuppressed(undo);
            return health.fail("a failed write could not be cut back out of " + segment.path(), cause);
        }
        if (DiskSpace.exhausted(cause, directory, recordBytes)) {
            return new JournalNoSpaceException("no space left on the disk for a record of " + recordBytes
                    + " bytes in " + segment.path(), cause);
        }
        return cause;
    }

    /**
     * Seals the current segment and starts the next, in a spare if there is one. The sealed one is trimmed to its
     * records and forced first: recovery relies on every segment but the newest being entirely on disk and records
     * only. The new name is made durable before any record in it can be acknowledged.
     */
    private void rollOver() throws IOException {
        Segment sealed = chain.current();
        try {
            sealed.trimToRecords();
        } catch (IOException e) {
            throw health.fail("the bytes after the records of " + sealed.path() + " could not be cut off", e);
        }
        forceOrFail(sealed);
        forcedBytes.accumulateAndGet(appendedBytes, Math::max);
        commit.countForce();
        commit.advanceTo(sealed.lastSequence());
        Segment next;
        try {
            next = spares.newSegment(lastSequence + 1, opener);
        } catch (IOException e) {
            if (DiskSpace.exhausted(e, directory, 0)) {
                throw new JournalNoSpaceException("no space left on the disk for a new segment in " + directory, e);
            }
            throw e;
        }
        try {
            Segment.syncDirectory(directory);
        } catch (IOException e) {
            try {
                next.retire();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw health.fail("fsync of the directory " + directory + " failed", e);
        }
        chain.extend(next);
    }

    private boolean fits(int recordBytes) {
        return chain.usedBytes() + recordBytes <= settings.capacityBytes();
    }

    private void waitForSpace(int recordBytes, long nanos) throws InterruptedException, IOException {
        long left = nanos;
        health.ensureUsable();
        while (!fits(recordBytes) && left > 0) {
            left = spaceFreed.awaitNanos(left);
            health.ensureUsable();
        }
    }

    /** For {@link GroupCommit}: forces the segment holding the newest record written; returns that record. */
    private long forceAppended() throws IOException {
        Segment segment;
        long through;
        long bytesThrough;
        appendLock.lock();
        try {
            health.ensureUsable();
            segment = chain.current();
            through = lastSequence;
            bytesThrough = appendedBytes;
        } finally {
            appendLock.unlock();
        }
        // older segments were forced when sealed; if this one was sealed meanwhile, forcing it again is cheap
        forceOrFail(segment);
        forcedBytes.accumulateAndGet(bytesThrough, Math::max);
        return through;
    }

    private void forceOrFail(Segment segment) throws IOException {
        try {
            segment.force();
        } catch (IOException e) {
            throw health.fail("fdatasync of " + segment.path() + " failed", e);
        }
    }

    private void requireAppended(long sequence) {
        if (sequence > lastSequence) {
            throw new IllegalArgumentException("record " + sequence + " has not been appended (last is "
                    + lastSequence + ")");
        }
    }

    private CRC32C checksumOf(JournalEntry entry) {
        if (entry.payloadLength() > settings.maxPayloadBytes()) {
            throw new IllegalArgumentException("a payload of " + entry.payloadLength() + " bytes exceeds the "
                    + settings.maxPayloadBytes() + " bytes a record may carry");
        }
        return RecordFormat.payloadChecksum(entry.payloadForWriting());
    }

    private void replayStretch(SegmentChain.Stretch stretch, Consumer<? super JournalRecord> consumer) throws IOException {
        long position = stretch.start();
        long sequence = stretch.sequence();
        try {
            while (position < stretch.end()) {
                JournalRecord record = RecordReader.readIntact(stretch.segment(), position, stretch.end(), sequence++);
                consumer.accept(record);
                position += RecordFormat.HEADER_BYTES + record.length();
            }
        } catch (ClosedChannelException | JournalCorruptException e) {
            if (!stretch.segment().isRetired() || health.isClosed()) {
                throw e;
            }
            LOG.log(Level.FINE, "replay skips the rest of {0}: released meanwhile", stretch.segment().path());
        }
    }
}
