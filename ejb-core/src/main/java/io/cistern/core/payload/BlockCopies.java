package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Good copies of a block that live outside the block store, for an audit that found the stored one damaged or
 * missing: the read cache (blocks verified when they were read or uploaded), and the journal's unuploaded writes (a
 * file being written with the same content, whose writes cover the whole block). Every copy found is hashed here
 * before it is handed out, whatever vouched for it before: a copy that does not hash to the block's address is no
 * copy.
 */
public final class BlockCopies {
    private static final Logger LOG = Logger.getLogger(BlockCopies.class.getName());
    private static final int BLOCK = JournalIndex.BLOCK_SIZE;

    /** Where a good copy was found. */
    public enum Source {
        CACHE, JOURNAL
    }

    /** A copy of the block's bytes, checked against its address, and where it came from. */
    public record Copy(byte[] bytes, Source source) {
    }

    private final PayloadEngine engine;

    public BlockCopies(PayloadEngine engine) {
        this.engine = engine;
    }

    /** A copy of the block of {@code size} bytes whose SHA-256 is {@code hash}: from the cache, else the journal. */
    public Optional<Copy> find(BlockHash hash, int size) {
        Optional<byte[]> cached = engine.cache().peek(hash);
        if (cached.isPresent()) {
            byte[] bytes = cached.get();
            if (hash.matches(bytes)) {
                return Optional.of(new Copy(bytes, Source.CACHE));
            }
            LOG.warning(() -> "the cached copy of block " + hash.hex() + " does not hash to its address; not used");
        }
        return fromJournal(hash, size);
    }

    /**
     * A block that the journal's writes cover whole and that hashes to {@code hash}. Only blocks the journal covers
     * from 0 to {@code size} qualify: any other would need the stored block underneath, which is the damaged one.
     */
    private Optional<Copy> fromJournal(BlockHash hash, int size) {
        JournalIndex index = engine.index();
        for (DirtyBlock dirty : index.dirtyBlocks()) {
            BlockSnapshot snapshot = index.snapshot(dirty.inodeId(), dirty.blockIndex());
            if (!covers(snapshot.extents(), size)) {
                continue;
            }
            try {
                byte[] bytes = BlockAssembler.assemble(snapshot, null, snapshot.blockStart() + size, 0, BLOCK,
                        engine.payloadSource());
                if (bytes.length == size && hash.matches(bytes)) {
                    return Optional.of(new Copy(bytes, Source.JOURNAL));
                }
            } catch (ExtentGoneException e) {
                // uploaded and released meanwhile: what it held is in the store or the cache now, not here
            } catch (IOException e) {
                LOG.log(Level.WARNING, "reading the journal for a copy of block " + hash.hex() + " failed", e);
            }
        }
        return Optional.empty();
    }

    /** Whether the extents, together, cover bytes 0 to {@code size} of the block. */
    static boolean covers(List<JournalExtent> extents, int size) {
        if (size <= 0) {
            return false;
        }
        List<JournalExtent> byOffset = extents.stream()
                .sorted(java.util.Comparator.comparingInt(JournalExtent::offsetInBlock)).toList();
        int coveredTo = 0;
        for (JournalExtent extent : byOffset) {
            if (extent.offsetInBlock() > coveredTo) {
                return false;   // a gap: those bytes would come from the stored block
            }
            coveredTo = Math.max(coveredTo, extent.end());
            if (coveredTo >= size) {
                return true;
            }
        }
        return false;
    }
}
