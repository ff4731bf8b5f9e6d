package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;

/**
 * A block as the dedup index keys it: the store it is in, and its hash. Ordered by store, then hash, the order in
 * which transactions lock block rows (see {@link BlockIndex}).
 */
public record StoredHash(long storeId, BlockHash hash) implements Comparable<StoredHash> {
    @Override
    public int compareTo(StoredHash other) {
        int byStore = Long.compare(storeId, other.storeId);
        return byStore != 0 ? byStore : hash.compareTo(other.hash);
    }
}
