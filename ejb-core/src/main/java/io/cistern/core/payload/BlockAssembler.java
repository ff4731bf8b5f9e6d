package io.cistern.core.payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a block's bytes as the file has them now: the stored block (the base), then the journal's writes and
 * truncations for it, in sequence order, then cut to the file's size.
 * <p>
 * <b>Order of reads.</b> The index is snapshotted before the base is loaded ({@link BaseLoader} is called after).
 * If the uploader maps a new block in between, the base already contains some of the snapshot's extents; applying
 * them again in sequence order gives the same bytes. The other order could pair an old base with a snapshot taken
 * after its extents were forgotten, and lose them. If an extent's record is released before its bytes are read,
 * {@link ExtentGoneException} says to start again.
 */
public final class BlockAssembler {
    private static final int BLOCK = JournalIndex.BLOCK_SIZE;
    private static final byte[] ZEROS = new byte[64 << 10];

    /** Bytes {@code from} to {@code to} of the stored block as a view to release, or null, without any I/O. */
    @FunctionalInterface
    public interface HeldBase {
        BlockView view(int from, int to);
    }

    /**
     * Loads bytes {@code from} to {@code to} of the stored block (fewer when it is shorter), as a buffer that
     * starts at {@code from} and is the caller's to keep: null when there is none (a hole, or a new block).
     */
    @FunctionalInterface
    public interface BaseLoader {
        ByteBuffer load(int from, int to) throws IOException;

        /**
         * As {@link #load}, but as a view the caller must release: a loader over the cache hands out the cached
         * bytes themselves, held until then. Null when there is none.
         */
        default BlockView view(int from, int to) throws IOException {
            ByteBuffer loaded = load(from, to);
            return loaded == null ? null : BlockView.owned(loaded);
        }
    }

    private final JournalIndex index;
    private final PayloadSource source;

    public BlockAssembler(JournalIndex index, PayloadSource source) {
        this.index = index;
        this.source = source;
    }

    /**
     * Block {@code blockIndex} of the file as it is now, {@code fileSize} bytes long in all (the caller's size:
     * see {@link JournalIndex#size(long, long)}). Its length is the part of the file inside the block: 4 MiB, less
     * for the last block, 0 for a block wholly beyond the end (the uploader then unmaps it rather than storing it).
     */
    public byte[] assemble(long inodeId, long blockIndex, long fileSize, BaseLoader base) throws IOException {
        BlockSnapshot snapshot = index.snapshot(inodeId, blockIndex);
        return assemble(snapshot, base.load(0, BLOCK), fileSize, 0, BLOCK, source);
    }

    /**
     * For the uploader: like {@link #assemble}, but with only the records up to {@code upToSequence} (a
     * {@link DirtyBlock#highestSequence()} or {@link PendingTruncation#highestSequence()}), which is what it then
     * forgets. A newer extent must not go into the stored block: an older write still missing from the index
     * would later be applied over it.
     */
    public byte[] assembleThrough(long inodeId, long blockIndex, long fileSize, long upToSequence, BaseLoader base)
            throws IOException {
        BlockSnapshot snapshot = index.snapshot(inodeId, blockIndex).through(upToSequence);
        return assemble(snapshot, base.load(0, BLOCK), fileSize, 0, BLOCK, source);
    }

    /**
     * As {@link #assembleThrough}, but into {@code slab}, a direct buffer of one block whatever it held before (see
     * {@link BlockCache#borrowSlab}), when the block is a full one: the slab, positioned at 0 and holding the whole
     * block. Null when the block is not full; the caller then takes {@link #assembleThrough}. The bytes of a full
     * block, what a large file's upload seals, then reach the store and the cache without another copy.
     */
    public ByteBuffer assembleThroughInto(long inodeId, long blockIndex, long fileSize, long upToSequence,
                                          BaseLoader base, ByteBuffer slab) throws IOException {
        if (slab.capacity() != BLOCK || !isFull(blockIndex, fileSize)) {
            return null;
        }
        BlockSnapshot snapshot = index.snapshot(inodeId, blockIndex).through(upToSequence);
        ByteBuffer target = slab.clear();
        fill(snapshot, base.load(0, BLOCK), 0, BLOCK, target, false, source);
        return target;
    }

    /** Whether block {@code blockIndex} of a file of {@code fileSize} bytes is a whole one, as no file's last is. */
    public static boolean isFull(long blockIndex, long fileSize) {
        return fileSize - blockIndex * BLOCK >= BLOCK;
    }

    /**
     * {@code length} bytes of the file from {@code offset}, a range within one block, as a read returns them: fewer
     * at the end of the file, none past it; holes read as zeros. {@code base} loads the block holding the range.
     */
    public byte[] read(long inodeId, long offset, int length, long fileSize, BaseLoader base) throws IOException {
        int from = offsetInBlock(offset, length);
        long blockIndex = offset / BLOCK;
        BlockSnapshot snapshot = index.snapshot(inodeId, blockIndex);
        return assemble(snapshot, base.load(from, from + length), fileSize, from, from + length, source);
    }

    /**
     * As {@link #read}, but as a view the caller must release: when the journal holds nothing for the block, the
     * stored block's bytes as the loader viewed them, without a copy (how a file that is all uploaded is streamed);
     * otherwise a copy assembled from them and the journal.
     */
    public BlockView readHeld(long inodeId, long offset, int length, long fileSize, BaseLoader base)
            throws IOException {
        int from = offsetInBlock(offset, length);
        long blockIndex = offset / BLOCK;
        BlockSnapshot snapshot = index.snapshot(inodeId, blockIndex);
        BlockView loaded = base.view(from, from + length);
        try {
            int end = (int) Math.min(from + length, Math.max(0, Math.min(BLOCK, fileSize - snapshot.blockStart())));
            boolean untouched = snapshot.extents().isEmpty() && snapshot.truncations().isEmpty();
            if (untouched && loaded != null && from < end && loaded.length() >= end - from) {
                BlockView result = loaded.prefix(end - from);
                loaded = null;   // the result holds the pin now
                return result;
            }
            ByteBuffer stored = loaded == null ? null : loaded.bytes();
            return BlockView.owned(ByteBuffer.wrap(assemble(snapshot, stored, fileSize, from, from + length, source)));
        } finally {
            if (loaded != null) {
                loaded.release();
            }
        }
    }

    /**
     * As {@link #readHeld} when the journal holds nothing of the block and {@code base} has the stored bytes: the
     * view of them; null otherwise, having read no journal (the caller then takes {@link #readHeld}).
     */
    public BlockView readStoredHeld(long inodeId, long offset, int length, long fileSize, HeldBase base) {
        int from = offsetInBlock(offset, length);
        BlockSnapshot snapshot = index.snapshot(inodeId, offset / BLOCK);
        if (!snapshot.extents().isEmpty() || !snapshot.truncations().isEmpty()) {
            return null;
        }
        BlockView loaded = base.view(from, from + length);
        if (loaded == null) {
            return null;
        }
        int end = (int) Math.min(from + length, Math.max(0, Math.min(BLOCK, fileSize - snapshot.blockStart())));
        if (from < end && loaded.length() >= end - from) {
            return loaded.prefix(end - from);
        }
        loaded.release();
        return null;
    }

    /** Where {@code offset} lies in its block, once the range is known to be one that lies within one block. */
    private static int offsetInBlock(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        int from = (int) (offset % BLOCK);
        if ((long) from + length > BLOCK) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " crosses a block boundary");
        }
        return from;
    }

    /**
     * Bytes {@code from} to {@code to} of the snapshot's block (clipped to the file's size), over {@code base},
     * the stored block's bytes from {@code from} on. Only the extents overlapping the range are read.
     */
    static byte[] assemble(BlockSnapshot snapshot, ByteBuffer base, long fileSize, int from, int to,
                           PayloadSource source) throws IOException {
        long blockStart = snapshot.blockStart();
        int limit = (int) Math.max(0, Math.min(BLOCK, fileSize - blockStart));
        int end = Math.min(to, limit);
        if (from >= end) {
            return new byte[0];
        }
        byte[] bytes = new byte[end - from];
        fill(snapshot, base, from, end, ByteBuffer.wrap(bytes), true, source);
        return bytes;
    }

    /**
     * Lays the block's bytes {@code from} to {@code end} into {@code target} from its index 0: {@code base} (the
     * stored block's bytes from {@code from} on), then the snapshot's truncations and extents in sequence order.
     * Unless the target is {@code zeroed} already, what neither the base nor any extent covers is zeroed first.
     */
    private static void fill(BlockSnapshot snapshot, ByteBuffer base, int from, int end, ByteBuffer target,
                             boolean zeroed, PayloadSource source) throws IOException {
        long blockStart = snapshot.blockStart();
        int based = base == null ? 0 : Math.min(end - from, base.remaining());
        if (based > 0) {
            target.put(0, base, base.position(), based);
        }
        List<JournalExtent> extents = snapshot.extents();
        if (!zeroed) {
            zeroUncovered(extents, from + based, end, from, target);
        }
        List<Truncation> truncations = snapshot.truncations();
        int e = 0;
        int t = 0;
        while (e < extents.size() || t < truncations.size()) {
            boolean truncationFirst = e == extents.size()
                    || t < truncations.size() && truncations.get(t).sequence() < extents.get(e).sequence();
            if (truncationFirst) {
                Truncation truncation = truncations.get(t++);
                // everything from the new size on is gone: it reads as zeros if the file grows back over it
                long cut = Math.max(from, Math.min(end, truncation.newSize() - blockStart));
                zero(target, (int) cut - from, end - (int) cut);
            } else {
                apply(extents.get(e++), target, from, end, source);
            }
        }
    }

    /** Zeros what no extent covers of the block's bytes {@code start} to {@code end}, held from {@code from}. */
    private static void zeroUncovered(List<JournalExtent> extents, int start, int end, int from, ByteBuffer target) {
        List<JournalExtent> byOffset = new ArrayList<>(extents);
        byOffset.sort(Comparator.comparingInt(JournalExtent::offsetInBlock));
        int at = start;
        for (JournalExtent extent : byOffset) {
            if (at >= end) {
                return;
            }
            if (extent.offsetInBlock() > at) {
                int gapEnd = Math.min(end, extent.offsetInBlock());
                zero(target, at - from, gapEnd - at);
            }
            at = Math.max(at, extent.end());
        }
        if (at < end) {
            zero(target, at - from, end - at);
        }
    }

    private static void zero(ByteBuffer target, int index, int length) {
        for (int done = 0; done < length; done += ZEROS.length) {
            target.put(index + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }

    private static void apply(JournalExtent extent, ByteBuffer target, int from, int end, PayloadSource source)
            throws IOException {
        int start = Math.max(from, extent.offsetInBlock());
        int stop = Math.min(end, extent.end());
        if (start >= stop) {
            return;
        }
        ByteBuffer payload = source.payload(extent.sequence())
                .orElseThrow(() -> new ExtentGoneException(extent.sequence()));
        int at = extent.payloadOffset() + (start - extent.offsetInBlock());
        if (at + (stop - start) > payload.remaining()) {
            throw new IllegalStateException("record " + extent.sequence() + " holds " + payload.remaining()
                    + " bytes, fewer than its extent needs");
        }
        target.put(start - from, payload, payload.position() + at, stop - start);
    }
}
