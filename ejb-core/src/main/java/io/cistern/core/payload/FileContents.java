package io.cistern.core.payload;

import io.cistern.core.journal.JournalEntry;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import io.cistern.core.fs.FsClock;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of files, by inode, with no notion of who asks: writes go to the journal, reads come from the journal
 * over the stored blocks. Permission and file type are checked by the caller (the payload service). Nothing here
 * runs in a transaction: a write is a journal append, a read a lookup of the block mapping plus cache or store.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FileContents {
    private static final Logger LOG = Logger.getLogger(FileContents.class.getName());
    private static final int BLOCK = JournalIndex.BLOCK_SIZE;
    /** A read races the uploader at most this often before the journal stops releasing under it. */
    private static final int READ_ATTEMPTS = 8;

    @EJB
    private PayloadEngine engine;

    @EJB
    private BlockIndex blockIndex;

    /**
     * Journals {@code data} at {@code offset} of the file and returns the last record's sequence (for a sync).
     * Large writes become several records of at most a block each, so that each fits a journal record.
     */
    public long write(long inodeId, long offset, ByteBuffer data) {
        ByteBuffer rest = data.slice();
        long at = offset;
        long sequence = 0;
        do {
            int length = Math.min(rest.remaining(), BLOCK);
            ByteBuffer piece = rest.slice().limit(length);
            sequence = engine.log(JournalEntry.write(inodeId, at, piece));
            rest.position(rest.position() + length);
            at += length;
        } while (rest.hasRemaining());
        engine.modifications().touch(inodeId, FsClock.nowNanos());
        return sequence;
    }

    /** The reads memory alone answers, for threads that must not wait. */
    public MemoryReads inMemory() {
        return new MemoryReads(engine.assembler(), engine.mappings(), engine.cache(), engine.readAhead(),
                StoredBlocks.forReading(blockIndex, engine)::prefetch);
    }

    /**
     * Up to {@code length} bytes from {@code offset} of a file of {@code fileSize} bytes: fewer at its end, none
     * past it; holes read as zeros. The result is the caller's own buffer.
     */
    public ByteBuffer read(long inodeId, long offset, int length, long fileSize) {
        return readHeld(inodeId, offset, length, fileSize).detach();
    }

    /**
     * As {@link #read}, but as a view the caller must release once it is done with the bytes. A read within one
     * block that the journal does not touch is a view of the cached block itself, which a protocol adapter writes
     * to its socket without copying; anything else is a copy.
     */
    public BlockView readHeld(long inodeId, long offset, int length, long fileSize) {
        long end = Math.min(fileSize, offset + length);
        if (offset >= end) {
            return BlockView.owned(ByteBuffer.allocate(0));
        }
        StoredBlocks stored = StoredBlocks.forReading(blockIndex, engine);
        BlockView bytes;
        if (offset / BLOCK == (end - 1) / BLOCK) {
            bytes = readPiece(stored, inodeId, offset, (int) (end - offset), fileSize);   // the usual case
        } else {
            bytes = BlockView.owned(ByteBuffer.wrap(readAcrossBlocks(stored, inodeId, offset, end, fileSize)));
        }
        try {
            engine.readAhead().onRead(inodeId, offset, bytes.length(), index -> stored.prefetch(inodeId, index));
        } catch (RuntimeException e) {
            bytes.release();
            throw e;
        }
        return bytes;
    }

    /**
     * As {@link #readHeld}, as one view for each block the range touches, in order, each to be released once: a
     * read spanning blocks then reaches the adapter as views of the cached blocks rather than as a copy that glues
     * them together. A read within one block is the one view {@link #readHeld} makes.
     */
    public List<BlockView> readHeldPieces(long inodeId, long offset, int length, long fileSize) {
        long end = Math.min(fileSize, offset + length);
        if (offset >= end || offset / BLOCK == (end - 1) / BLOCK) {
            return List.of(readHeld(inodeId, offset, length, fileSize));
        }
        StoredBlocks stored = StoredBlocks.forReading(blockIndex, engine);
        List<BlockView> pieces = readPieces(stored, inodeId, offset, end, fileSize);
        try {
            engine.readAhead().onRead(inodeId, offset, (int) (end - offset), index -> stored.prefetch(inodeId, index));
        } catch (RuntimeException | Error e) {
            pieces.forEach(BlockView::release);
            throw e;
        }
        return pieces;
    }

    private byte[] readAcrossBlocks(StoredBlocks stored, long inodeId, long offset, long end, long fileSize) {
        byte[] bytes = new byte[(int) (end - offset)];
        List<BlockView> pieces = readPieces(stored, inodeId, offset, end, fileSize);
        try {
            int at = 0;
            for (BlockView piece : pieces) {
                piece.bytes().get(bytes, at, piece.length());
                at += piece.length();
            }
        } finally {
            pieces.forEach(BlockView::release);
        }
        return bytes;
    }

    /**
     * The bytes from {@code offset} to {@code end}, one view for each block they touch, in order, each to be released
     * once; a block that yields fewer bytes than its part of the range is followed by zeros up to the next block's.
     * When it throws, it holds none.
     */
    private List<BlockView> readPieces(StoredBlocks stored, long inodeId, long offset, long end, long fileSize) {
        List<BlockView> pieces = new ArrayList<>((int) ((end - 1) / BLOCK - offset / BLOCK) + 1);
        try {
            for (long at = offset; at < end; ) {
                int pieceLength = (int) Math.min(end - at, (at / BLOCK + 1) * BLOCK - at);
                BlockView piece = readPiece(stored, inodeId, at, pieceLength, fileSize);
                pieces.add(piece);
                if (piece.length() < pieceLength) {
                    pieces.add(BlockView.owned(ByteBuffer.allocate(pieceLength - piece.length())));
                }
                at += pieceLength;
            }
        } catch (RuntimeException | Error e) {
            pieces.forEach(BlockView::release);
            throw e;
        }
        return pieces;
    }

    private BlockView readPiece(StoredBlocks stored, long inodeId, long at, int length, long fileSize) {
        long index = at / BLOCK;
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.assembler().readHeld(inodeId, at, length, fileSize, stored.loader(inodeId, index));
            } catch (ExtentGoneException e) {
                if (attempt == READ_ATTEMPTS) {
                    // the uploader stored and released it between our snapshot and read, again and again
                    throw new FsException(FsError.TRY_LATER, "the file is being uploaded; try again");
                }
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "reading the journal failed", e);
                throw new FsException(FsError.IO, "reading the journal failed: " + e.getMessage());
            }
        }
    }
}
