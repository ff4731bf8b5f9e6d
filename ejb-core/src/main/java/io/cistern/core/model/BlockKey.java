package io.cistern.core.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/** The primary key of a {@link Block}: its store and its hash. */
public class BlockKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private long storeId;
    private byte[] hash;

    public BlockKey() {
    }

    public BlockKey(long storeId, byte[] hash) {
        this.storeId = storeId;
        this.hash = hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlockKey that && storeId == that.storeId && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeId, Arrays.hashCode(hash));
    }
}
