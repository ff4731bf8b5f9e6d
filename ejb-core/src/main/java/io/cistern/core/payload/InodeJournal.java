package io.cistern.core.payload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the journal holds for one file: extents per block and truncations, each list in sequence order. Not
 * thread-safe: {@link JournalIndex} guards it.
 * <p>
 * Invariant: no extent holds bytes that a later truncation cut off. A truncation prunes the older extents when it
 * arrives, and an older write arriving after it (writers add out of order) is clipped on arrival. This is what lets
 * {@link #size(long)} and the uploader treat every extent as live data.
 */
final class InodeJournal {
    private static final int BLOCK = JournalIndex.BLOCK_SIZE;

    private final TreeMap<Long, List<JournalExtent>> blocks = new TreeMap<>();
    /** When each block in {@link #blocks} was last written to ({@link System#nanoTime()}); absent: replayed, old. */
    private final Map<Long, Long> lastWritten = new HashMap<>();
    private final List<Truncation> truncations = new ArrayList<>();

    boolean isEmpty() {
        return blocks.isEmpty() && truncations.isEmpty();
    }

    void addWrite(long sequence, long fileOffset, int length, long nowNanos) {
        long end = Math.min(fileOffset + length, sizeLimitAfter(sequence));
        for (long at = fileOffset; at < end; ) {
            long blockIndex = at / BLOCK;
            int inBlock = (int) (at % BLOCK);
            int pieceLength = (int) Math.min(BLOCK - inBlock, end - at);
            insertSorted(blocks.computeIfAbsent(blockIndex, b -> new ArrayList<>()),
                    new JournalExtent(sequence, inBlock, pieceLength, (int) (at - fileOffset)));
            if (nowNanos != JournalIndex.REPLAYED) {
                lastWritten.put(blockIndex, nowNanos);
            }
            at += pieceLength;
        }
    }

    void addTruncation(long sequence, long newSize) {
        int i = truncations.size();
        while (i > 0 && truncations.get(i - 1).sequence() > sequence) {
            i--;
        }
        truncations.add(i, new Truncation(sequence, newSize));
        pruneBeyond(newSize, sequence);
    }

    List<JournalExtent> extents(long blockIndex) {
        List<JournalExtent> extents = blocks.get(blockIndex);
        return extents == null ? List.of() : List.copyOf(extents);
    }

    List<Truncation> truncations() {
        return List.copyOf(truncations);
    }

    /** What the journal says of the size, to be applied to the stored size later: see {@link SizeOverlay}. */
    SizeOverlay sizeOverlay() {
        long truncatedTo = -1;
        long after = Long.MIN_VALUE;
        if (!truncations.isEmpty()) {
            Truncation last = truncations.get(truncations.size() - 1);
            truncatedTo = last.newSize();
            after = last.sequence();
        }
        long writtenTo = 0;
        // from the last block down: every extent ends inside its block, so the first block with a live extent has
        // the end, and a large file's WRITE (which asks after each one) does not walk all of its blocks
        for (Map.Entry<Long, List<JournalExtent>> block : blocks.descendingMap().entrySet()) {
            long start = block.getKey() * BLOCK;
            for (JournalExtent extent : block.getValue()) {
                if (extent.sequence() > after) {
                    writtenTo = Math.max(writtenTo, start + extent.end());
                }
            }
            if (writtenTo > 0) {
                break;
            }
        }
        return new SizeOverlay(truncatedTo, writtenTo);
    }

    /** The size after the journal's events, starting from a file of {@code baseSize} bytes. */
    long size(long baseSize) {
        return sizeOverlay().applyTo(baseSize);
    }

    /**
     * Blocks with extents up to {@code through}, each with its highest such sequence; none while truncating.
     * Only blocks last written before {@code quietSince} (nanoTime): one still being written would be stored once
     * per write, each time under a new hash.
     */
    void collectDirty(long inodeId, long through, long quietSince, List<DirtyBlock> into) {
        if (pendingTruncation(inodeId, through) != null) {
            return;   // the truncation's unmapping must come first, or it would drop blocks sealed after it
        }
        for (Map.Entry<Long, List<JournalExtent>> block : blocks.entrySet()) {
            Long written = lastWritten.get(block.getKey());
            if (quietSince != JournalIndex.ANY_AGE && written != null && written - quietSince > 0) {
                continue;
            }
            long highest = -1;
            int reach = 0;
            for (JournalExtent extent : block.getValue()) {
                if (extent.sequence() <= through) {
                    highest = Math.max(highest, extent.sequence());
                    reach = Math.max(reach, extent.end());
                }
            }
            if (highest >= 0) {
                into.add(new DirtyBlock(inodeId, block.getKey(), highest, reach));
            }
        }
    }

    /** The truncations up to {@code through}, summed up, or null if there are none. */
    PendingTruncation pendingTruncation(long inodeId, long through) {
        long lowest = Long.MAX_VALUE;
        long last = -1;
        long highestSequence = -1;
        for (Truncation truncation : truncations) {
            if (truncation.sequence() <= through) {
                lowest = Math.min(lowest, truncation.newSize());
                last = truncation.newSize();
                highestSequence = truncation.sequence();
            }
        }
        return highestSequence < 0 ? null : new PendingTruncation(inodeId, lowest, last, highestSequence);
    }

    void forget(long blockIndex, long upToSequence) {
        List<JournalExtent> extents = blocks.get(blockIndex);
        if (extents != null) {
            extents.removeIf(e -> e.sequence() <= upToSequence);
            if (extents.isEmpty()) {
                blocks.remove(blockIndex);
                lastWritten.remove(blockIndex);
            }
        }
    }

    void forgetTruncations(long upToSequence) {
        truncations.removeIf(t -> t.sequence() <= upToSequence);
    }

    OptionalLong lowestSequence() {
        long lowest = Long.MAX_VALUE;
        for (List<JournalExtent> extents : blocks.values()) {
            lowest = Math.min(lowest, extents.get(0).sequence());   // lists are in sequence order
        }
        if (!truncations.isEmpty()) {
            lowest = Math.min(lowest, truncations.get(0).sequence());
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** The smallest size any truncation later than {@code sequence} sets: a write's bytes beyond it are dead. */
    private long sizeLimitAfter(long sequence) {
        long limit = Long.MAX_VALUE;
        for (int i = truncations.size() - 1; i >= 0 && truncations.get(i).sequence() > sequence; i--) {
            limit = Math.min(limit, truncations.get(i).newSize());
        }
        return limit;
    }

    /** Drops or shortens the extents older than {@code sequence} that lie beyond {@code newSize}. */
    private void pruneBeyond(long newSize, long sequence) {
        Iterator<Map.Entry<Long, List<JournalExtent>>> it = blocks.tailMap(newSize / BLOCK, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, List<JournalExtent>> block = it.next();
            long cut = newSize - block.getKey() * BLOCK;   // where the size falls relative to this block; may be < 0
            List<JournalExtent> extents = block.getValue();
            for (int i = extents.size() - 1; i >= 0; i--) {
                JournalExtent extent = extents.get(i);
                if (extent.sequence() > sequence || extent.end() <= cut) {
                    continue;
                }
                if (extent.offsetInBlock() >= cut) {
                    extents.remove(i);
                } else {
                    extents.set(i, extent.cutTo((int) (cut - extent.offsetInBlock())));
                }
            }
            if (extents.isEmpty()) {
                lastWritten.remove(block.getKey());
                it.remove();
            }
        }
    }

    private static void insertSorted(List<JournalExtent> extents, JournalExtent extent) {
        int i = extents.size();
        while (i > 0 && extents.get(i - 1).sequence() > extent.sequence()) {
            i--;   // out-of-order adds are rare and recent: scan from the end
        }
        extents.add(i, extent);
    }
}
