package io.cistern.core.payload;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.journal.Journal;
import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.JournalStats;
import io.cistern.core.journal.RecordKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In memory: what the journal holds that is not yet in the block store. Per file, per 4 MiB block, the journal
 * extents written to it, plus the file's truncations.
 * <p>
 * <b>Bytes.</b> The index holds positions, not bytes: an extent names its record's sequence, and the bytes are read
 * back through a {@link PayloadSource} (the journal, with an optional {@link RecentWrites} copy in front). So the
 * index stays small however much is unuploaded, and nothing depends on a cache.
 * <p>
 * <b>Order of adds.</b> Writers call {@link #add} after their append returned, so adds may come out of sequence
 * order. Each list is kept in sequence order regardless, and the uploader is only shown, and may only forget or
 * release, records up to {@link #addedThrough()}: the sequence up to which every record has been added. Hence every
 * successful append must be followed by its {@code add}, even if the writer then fails.
 * <p>
 * <b>The uploader's protocol.</b> (1) For each {@link #pendingTruncations()}: unmap the file's blocks from
 * {@link PendingTruncation#firstBlockToUnmap()}, re-seal the cut block if any (assembled and forgotten through
 * the truncation's highest sequence), then {@link #forgetTruncations}. While a file has pending truncations its
 * blocks are not dirty, so this comes first. (2) For each {@link #dirtyBlocks()}: assemble the block through its
 * highest sequence ({@link BlockAssembler#assembleThrough}), store and map it (or unmap it if it came out empty),
 * then {@link #forget} through that sequence. (3) {@code journal.release(releasableThrough())}.
 * <p>
 * Thread-safe: adds take a short write lock (no I/O under it); readers take the read lock for a snapshot.
 */
public final class JournalIndex {
    /** Files are cut into blocks of this size. */
    public static final int BLOCK_SIZE = BlockStore.MAX_BLOCK;

    /** A time for {@link #add(JournalRecord, long)}: the record was replayed, so its block is old. */
    static final long REPLAYED = Long.MIN_VALUE;
    /** A {@code quietSince} for {@link #dirtyBlocks(long)}: every dirty block, however recent. */
    public static final long ANY_AGE = Long.MIN_VALUE;

    private final RecentWrites recent;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by the lock; files with nothing unuploaded are removed. */
    private final Map<Long, InodeJournal> inodes = new HashMap<>();
    /** Guarded by the lock. */
    private final SequenceWatermark added = new SequenceWatermark();

    /** An index whose writes' payloads are read back from the journal only. */
    public JournalIndex() {
        this(null);
    }

    /** An index that also keeps a copy of each added write's payload in {@code recent} (may be null). */
    public JournalIndex(RecentWrites recent) {
        this.recent = recent;
    }

    /** Takes in one record, live (after its append) or replayed. A WRITE is cut into one extent per block. */
    public void add(JournalRecord record) {
        add(record, System.nanoTime());
    }

    /** As {@link #add(JournalRecord)}, as if at {@code nowNanos} ({@link System#nanoTime()}): for tests. */
    void add(JournalRecord record, long nowNanos) {
        if (record.kind() == RecordKind.WRITE && recent != null && record.length() > 0) {
            recent.put(record.sequence(), record.payload());   // copied outside the lock
        }
        lock.writeLock().lock();
        try {
            if (record.kind() == RecordKind.WRITE) {
                if (record.length() > 0) {
                    inode(record.inodeId()).addWrite(record.sequence(), record.offset(), record.length(), nowNanos);
                }
            } else if (record.kind() == RecordKind.TRUNCATE) {
                inode(record.inodeId()).addTruncation(record.sequence(), record.newSize());
            }
            added.added(record.sequence());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Replaces the contents with what {@code journal} holds: at start, before any writer adds. Records released
     * before a crash but not yet deleted come back too; uploading them again stores the same bytes, so that is
     * harmless.
     */
    public void rebuild(Journal journal) throws IOException {
        JournalStats stats = journal.stats();
        lock.writeLock().lock();
        try {
            inodes.clear();
            added.reset();
            added.advanceTo(stats.firstSequence() - 1);   // everything older was released: uploaded
        } finally {
            lock.writeLock().unlock();
        }
        journal.replay(0, record -> add(record, REPLAYED));
    }

    /** The extents of one block, in sequence order (the later one wins where they overlap). */
    public List<JournalExtent> extents(long inodeId, long blockIndex) {
        lock.readLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            return inode == null ? List.of() : inode.extents(blockIndex);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The file's truncations not yet applied to the block mapping, in sequence order. */
    public List<Truncation> truncations(long inodeId) {
        lock.readLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            return inode == null ? List.of() : inode.truncations();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One block's extents and the file's truncations, taken together, for {@link BlockAssembler}. */
    public BlockSnapshot snapshot(long inodeId, long blockIndex) {
        lock.readLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            return inode == null ? new BlockSnapshot(inodeId, blockIndex, List.of(), List.of())
                    : new BlockSnapshot(inodeId, blockIndex, inode.extents(blockIndex), inode.truncations());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What the journal holds about the file's size; {@link SizeOverlay#NONE} when nothing. */
    public SizeOverlay sizeOverlay(long inodeId) {
        lock.readLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            return inode == null ? SizeOverlay.NONE : inode.sizeOverlay();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The files with records not yet uploaded. */
    public Set<Long> inodeIds() {
        lock.readLock().lock();
        try {
            return Set.copyOf(inodes.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether anything waits for the uploader. */
    public boolean isEmpty() {
        lock.readLock().lock();
        try {
            return inodes.isEmpty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The file is gone: forgets its records, which no longer need uploading. Records not yet added are clipped on
     * arrival like any others, and dropped by the uploader when it finds no file for them.
     */
    public void discard(long inodeId) {
        lock.writeLock().lock();
        try {
            inodes.remove(inodeId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The size as far as the journal knows: its events applied, in order, to an empty file. */
    public long size(long inodeId) {
        return size(inodeId, 0);
    }

    /**
     * The size after the journal's events, applied to a file of {@code storedSize} bytes (its size with only the
     * uploaded data): the last truncation sets it, and writes after it (or all writes, without one) extend it.
     */
    public long size(long inodeId, long storedSize) {
        lock.readLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            return inode == null ? storedSize : inode.size(storedSize);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every block the uploader may seal now, however recently written, with the highest sequence it must include. */
    public List<DirtyBlock> dirtyBlocks() {
        return dirtyBlocks(ANY_AGE);
    }

    /**
     * The blocks the uploader should seal now: those not written to since {@code quietSince}
     * ({@link System#nanoTime()}), so that a block being filled by a stream of writes is stored once, not once per
     * write.
     */
    public List<DirtyBlock> dirtyBlocks(long quietSince) {
        lock.readLock().lock();
        try {
            List<DirtyBlock> dirty = new ArrayList<>();
            long through = added.through();
            inodes.forEach((inodeId, inode) -> inode.collectDirty(inodeId, through, quietSince, dirty));
            return dirty;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The truncations the uploader should apply to the block mapping now, one per file. */
    public List<PendingTruncation> pendingTruncations() {
        lock.readLock().lock();
        try {
            List<PendingTruncation> pending = new ArrayList<>();
            long through = added.through();
            inodes.forEach((inodeId, inode) -> {
                PendingTruncation truncation = inode.pendingTruncation(inodeId, through);
                if (truncation != null) {
                    pending.add(truncation);
                }
            });
            return pending;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Block {@code blockIndex} has been stored and mapped with every extent up to {@code upToSequence}: drops them.
     * Limited to {@link #addedThrough()}, so that a late-added older write is never lost.
     */
    public void forget(long inodeId, long blockIndex, long upToSequence) {
        lock.writeLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            if (inode != null) {
                inode.forget(blockIndex, Math.min(upToSequence, added.through()));
                dropIfEmpty(inodeId, inode);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The file's truncations up to {@code upToSequence} have been applied to the block mapping: drops them. */
    public void forgetTruncations(long inodeId, long upToSequence) {
        lock.writeLock().lock();
        try {
            InodeJournal inode = inodes.get(inodeId);
            if (inode != null) {
                inode.forgetTruncations(Math.min(upToSequence, added.through()));
                dropIfEmpty(inodeId, inode);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The lowest sequence still needed: the oldest record held, or else the first record not yet added (which may
     * not have been appended yet). The journal may release everything below it.
     */
    public long lowestLiveSequence() {
        return releasableThrough() + 1;
    }

    /** What the journal may release up to: the lowest sequence still needed minus one. */
    public long releasableThrough() {
        lock.readLock().lock();
        try {
            long through = added.through();
            for (InodeJournal inode : inodes.values()) {
                OptionalLong l = inode.lowestSequence();
                if (l.isPresent()) {
                    through = Math.min(through, l.getAsLong() - 1);
                }
            }
            return through;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every record up to this sequence has been added. */
    public long addedThrough() {
        lock.readLock().lock();
        try {
            return added.through();
        } finally {
            lock.readLock().unlock();
        }
    }

    private InodeJournal inode(long inodeId) {
        return inodes.computeIfAbsent(inodeId, id -> new InodeJournal());
    }

    private void dropIfEmpty(long inodeId, InodeJournal inode) {
        if (inode.isEmpty()) {
            inodes.remove(inodeId);
        }
    }
}
