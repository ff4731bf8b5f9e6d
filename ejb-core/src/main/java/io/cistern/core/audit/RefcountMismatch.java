package io.cistern.core.audit;

import io.cistern.core.blocks.BlockHash;

/**
 * A block of store {@code storeId} whose {@code block.refcount} ({@code recorded}, null when it has no row) differs from the number of
 * {@code file_block} rows naming it ({@code counted}).
 */
public record RefcountMismatch(long storeId, BlockHash hash, Long recorded, long counted) {
}
