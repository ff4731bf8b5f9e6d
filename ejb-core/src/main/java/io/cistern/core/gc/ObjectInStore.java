package io.cistern.core.gc;

import io.cistern.core.blocks.StoredBlock;

/**
 * An object as a block store's listing shows it, with the store it is in: what the orphan walk hands its processor.
 *
 * @param storeId {@code block_store.id}
 * @param object  the object's hash, size and time
 */
public record ObjectInStore(long storeId, StoredBlock object) {
}
