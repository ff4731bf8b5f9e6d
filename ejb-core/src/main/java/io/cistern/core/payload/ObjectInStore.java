package io.cistern.core.payload;

import io.cistern.core.blocks.StoredBlock;

/**
 * An object as a block store's listing shows it, with the store it is in: what the walks of garbage collection and the audit hand their processors.
 *
 * @param storeId {@code block_store.id}
 * @param object  the object's hash, size and time
 */
public record ObjectInStore(long storeId, StoredBlock object) {
}
