package io.cistern.core.payload;

import java.io.Serializable;

/** The block store's space: the blocks some file still references, and their bytes. */
public record StoreUsage(long physicalBytes, long blockCount) implements Serializable {
}
