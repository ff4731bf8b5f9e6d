package io.cistern.core.payload;

import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.RecordKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal stand-in for one file: payloads kept by sequence (released ones dropped), a model of the file, a
 * simulated block mapping, and an uploader following {@link JournalIndex}'s protocol.
 */
final class Harness {
    static final long INODE = 42;
    static final int BLOCK = JournalIndex.BLOCK_SIZE;

    final JournalIndex index = new JournalIndex();
    final Map<Long, ByteBuffer> payloads = new ConcurrentHashMap<>();
    final PayloadSource source = seq -> Optional.ofNullable(payloads.get(seq));
    final BlockAssembler assembler = new BlockAssembler(index, source);
    final FileModel model = new FileModel();
    /** The mapping of uploaded blocks (index to bytes); absent is a hole. */
    final TreeMap<Long, byte[]> store = new TreeMap<>();
    long nextSequence = 1;
    /** Full blocks the uploader sealed into {@link #slab}. */
    int fullBlocksSealedInSlabs;
    private final ByteBuffer slab = ByteBuffer.allocateDirect(BLOCK);
    private static final byte[] USED = filled(4096, 0x5A);

    /** A write record, applied to the model but not added to the index. */
    JournalRecord write(long offset, byte[] data) {
        long sequence = nextSequence++;
        payloads.put(sequence, ByteBuffer.wrap(data.clone()));
        model.write(offset, data);
        return new JournalRecord(sequence, RecordKind.WRITE, INODE, offset, ByteBuffer.wrap(data.clone()));
    }

    JournalRecord truncate(long newSize) {
        model.truncate(newSize);
        return new JournalRecord(nextSequence++, RecordKind.TRUNCATE, INODE, newSize, ByteBuffer.allocate(0));
    }

    void add(JournalRecord record) {
        index.add(record);
    }

    /** Block {@code index} as the assembler builds it over the stored block. */
    byte[] assembled(long blockIndex) throws IOException {
        return assembler.assemble(INODE, blockIndex, model.size(), loaderOf(base(blockIndex)));
    }

    /** One round of the uploader: truncations, then dirty blocks, then the journal release. */
    void upload() throws IOException {
        for (PendingTruncation truncation : index.pendingTruncations()) {
            store.tailMap(truncation.firstBlockToUnmap(), true).clear();
            if (truncation.cutsABlock()) {
                seal(truncation.cutBlock(), truncation.highestSequence());
            }
            index.forgetTruncations(INODE, truncation.highestSequence());
        }
        for (DirtyBlock dirty : index.dirtyBlocks()) {
            seal(dirty.blockIndex(), dirty.highestSequence());
        }
        long released = index.releasableThrough();
        payloads.keySet().removeIf(seq -> seq <= released);
    }

    private void seal(long blockIndex, long upTo) throws IOException {
        byte[] bytes = sealed(blockIndex, upTo);
        if (bytes.length == 0) {
            store.remove(blockIndex);
        } else {
            store.put(blockIndex, bytes);
        }
        index.forget(INODE, blockIndex, upTo);
    }

    /** As the uploader seals: a full block into a slab still holding another block's bytes, any other on the heap. */
    private byte[] sealed(long blockIndex, long upTo) throws IOException {
        for (int at = 0; at < BLOCK; at += USED.length) {
            slab.put(at, USED);
        }
        ByteBuffer full = assembler.assembleThroughInto(INODE, blockIndex, model.size(), upTo,
                loaderOf(base(blockIndex)), slab);
        if (full == null) {
            return assembler.assembleThrough(INODE, blockIndex, model.size(), upTo, loaderOf(base(blockIndex)));
        }
        fullBlocksSealedInSlabs++;
        byte[] bytes = new byte[full.remaining()];
        full.get(0, bytes);
        return bytes;
    }

    ByteBuffer base(long blockIndex) {
        byte[] stored = store.get(blockIndex);
        return stored == null ? null : ByteBuffer.wrap(stored);
    }

    /** A loader over a whole stored block already at hand (or none, for null). */
    static BlockAssembler.BaseLoader loaderOf(ByteBuffer block) {
        return (from, to) -> {
            if (block == null) {
                return null;
            }
            int start = Math.min(from, block.remaining());
            int end = Math.min(to, block.remaining());
            return block.slice(block.position() + start, end - start);
        };
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
