package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.model.BlockStoreRow;
import java.io.Serializable;

/**
 * Block {@code index} of a file is {@code hash}, of which the file uses the first {@code length} bytes; the block is
 * in store {@code storeId}, the store of the file's share.
 */
public record FileBlockRef(long index, BlockHash hash, int length, long storeId) implements Serializable {
    /** A piece in the default store. */
    public FileBlockRef(long index, BlockHash hash, int length) {
        this(index, hash, length, BlockStoreRow.DEFAULT_ID);
    }

    public StoredHash stored() {
        return new StoredHash(storeId, hash);
    }
}
