package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import java.io.Serializable;

/**
 * An {@link UploadWork} with its block assembled and hashed, ready to be stored and mapped in one transaction.
 *
 * @param work       what was sealed
 * @param hash       the block's address; null when there is no block to store (a truncation cutting no stored
 *                   block, or a block that lies wholly beyond the end of the file)
 * @param bytes      the block's bytes (null with {@code hash})
 * @param writtenEnd where in the file the sealed writes end: the stored size grows to it
 * @param fileGone   the file was deleted meanwhile: its records are only to be forgotten
 */
public record SealedWork(UploadWork work, BlockHash hash, byte[] bytes, long writtenEnd, boolean fileGone)
        implements Serializable {

    static SealedWork gone(UploadWork work) {
        return new SealedWork(work, null, null, 0, true);
    }
}
