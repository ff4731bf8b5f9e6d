package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import java.nio.ByteBuffer;

/**
 * An {@link UploadWork} with its block assembled and hashed, ready to be stored and mapped in one transaction.
 *
 * @param work       what was sealed
 * @param hash       the block's address; null when there is no block to store (a truncation cutting no stored
 *                   block, or a block that lies wholly beyond the end of the file)
 * @param bytes      the block's bytes, from position 0 (null with {@code hash}): a slab borrowed from the block cache
 *                   (a direct buffer) when the block is full, to be adopted by the cache once the upload commits
 * @param writtenEnd where in the file the sealed writes end: the stored size grows to it
 * @param fileGone   the file was deleted meanwhile: its records are only to be forgotten
 */
public record SealedWork(UploadWork work, BlockHash hash, ByteBuffer bytes, long writtenEnd, boolean fileGone) {

    static SealedWork gone(UploadWork work) {
        return new SealedWork(work, null, null, 0, true);
    }

    /** Whether the bytes are a slab borrowed from the block cache, for it to adopt once the upload commits. */
    public boolean inSlab() {
        return bytes != null && bytes.isDirect();
    }

    /** The block's length in bytes; 0 when there is no block. */
    public int length() {
        return bytes == null ? 0 : bytes.remaining();
    }
}
