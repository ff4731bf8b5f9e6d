package io.cistern.core.payload;

import io.cistern.core.blocks.BlockStoreException;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the stored block a piece of a file is mapped to: through the cache, verified against its hash. Turns the
 * store's failures into what a client should hear: a damaged or missing block is an I/O error (logged and counted,
 * naming the block and the file), an unreachable store a "try again later".
 */
final class StoredBlocks {
    private static final Logger LOG = Logger.getLogger(StoredBlocks.class.getName());

    private final BlockIndex blockIndex;
    private final PayloadEngine engine;
    private final boolean remembered;

    private StoredBlocks(BlockIndex blockIndex, PayloadEngine engine, boolean remembered) {
        this.blockIndex = blockIndex;
        this.engine = engine;
        this.remembered = remembered;
    }

    /** For client reads: mappings come from {@link BlockMappings} when it knows them. */
    static StoredBlocks forReading(BlockIndex blockIndex, PayloadEngine engine) {
        return new StoredBlocks(blockIndex, engine, true);
    }

    /**
     * For the uploader: every mapping from the database. It changes mappings itself, and sealing a block over
     * the one it replaces must start from what is committed, not from what a reader remembered.
     */
    static StoredBlocks forUploading(BlockIndex blockIndex, PayloadEngine engine) {
        return new StoredBlocks(blockIndex, engine, false);
    }

    /** The loader {@link BlockAssembler} calls for piece {@code index} of the file. */
    BlockAssembler.BaseLoader loader(long inodeId, long index) {
        return new BlockAssembler.BaseLoader() {
            @Override
            public ByteBuffer load(int from, int to) {
                return StoredBlocks.this.load(inodeId, index, from, to);
            }

            @Override
            public BlockView view(int from, int to) {
                return StoredBlocks.this.view(inodeId, index, from, to);
            }
        };
    }

    /**
     * Bytes {@code from} to {@code to} of piece {@code index} of the file as stored, or null when it has none (a
     * hole, or not yet uploaded).
     */
    ByteBuffer load(long inodeId, long index, int from, int to) {
        BlockView view = view(inodeId, index, from, to);
        return view == null ? null : view.detach();
    }

    /** As {@link #load}, but as a view of the cached bytes that the caller must release. */
    BlockView view(long inodeId, long index, int from, int to) {
        Optional<FileBlockRef> mapped = remembered
                ? engine.mappings().lookup(inodeId, index, () -> query(inodeId, index))
                : query(inodeId, index);
        if (mapped.isEmpty()) {
            return null;
        }
        FileBlockRef ref = mapped.get();
        try {
            // the cache is content addressed: the same hash in any store is the same bytes
            return engine.cache().view(ref.hash(), hash -> engine.store(ref.storeId()).get(hash), from, to);
        } catch (BlockStoreException e) {
            throw translate(e, inodeId, ref);
        }
    }

    private Optional<FileBlockRef> query(long inodeId, long index) {
        List<FileBlockRef> refs = blockIndex.blocksOf(inodeId, index, 1);
        return refs.isEmpty() ? Optional.empty() : Optional.of(refs.get(0));
    }

    /** Loads the piece into the cache ahead of a sequential reader; failures wait for the real read. */
    void prefetch(long inodeId, long index) {
        try {
            BlockView nothing = view(inodeId, index, 0, 0);
            if (nothing != null) {
                nothing.release();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "prefetch of block " + index + " of inode " + inodeId + " failed", e);
        }
    }

    private FsException translate(BlockStoreException e, long inodeId, FileBlockRef ref) {
        switch (e.kind()) {
            case UNAVAILABLE:
                return new FsException(FsError.TRY_LATER, "the block store is unreachable: " + e.getMessage());
            case CORRUPT:
            case NOT_FOUND:
                engine.countDamagedBlock(ref.hash(), e.kind());
                LOG.severe(() -> "block " + ref.hash().hex() + " (piece " + ref.index() + " of inode " + inodeId
                        + ") is " + (e.kind() == BlockStoreException.Kind.CORRUPT ? "corrupt" : "missing")
                        + " in " + engine.store(ref.storeId()).describe() + ": reads of it fail until it is repaired");
                return new FsException(FsError.IO, "block " + ref.index() + " of this file is damaged in the store");
            default:
                LOG.log(Level.WARNING, "reading block " + ref.hash().hex() + " failed", e);
                return new FsException(FsError.IO, "the block store failed: " + e.getMessage());
        }
    }
}
