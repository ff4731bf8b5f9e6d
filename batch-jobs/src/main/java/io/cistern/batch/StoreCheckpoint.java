package io.cistern.batch;

import io.cistern.core.blocks.BlockHash;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * Where a walk of every block store's hashes stopped: {@code <store id>:<last hash read, as hex>}, the hash empty
 * before the store's first. A checkpoint of plain hex, written before every store was walked, is the default
 * store's (id 0).
 *
 * @param store the store being walked
 * @param after the last hash read in it; null: none yet
 */
public record StoreCheckpoint(long store, BlockHash after) {
    /** The walk's start: the first store, from its first hash. */
    public static final StoreCheckpoint START = new StoreCheckpoint(0, null);

    /** The checkpoint a step saved; {@link #START} for none. */
    public static StoreCheckpoint parse(Serializable checkpoint) {
        if (checkpoint == null) {
            return START;
        }
        String text = (String) checkpoint;
        int colon = text.indexOf(':');
        long store = colon < 0 ? 0 : Long.parseLong(text.substring(0, colon));
        String hex = colon < 0 ? text : text.substring(colon + 1);
        return new StoreCheckpoint(store, hex.isEmpty() ? null : BlockHash.fromHex(hex));
    }

    /** The stores still to walk, in id order: this one and those after it. */
    public Deque<Long> storesLeft(Collection<Long> storeIds) {
        Deque<Long> left = new ArrayDeque<>();
        storeIds.stream().filter(id -> id >= store).sorted().forEach(left::add);
        return left;
    }

    /**
     * Where to go on in the first of {@code storesLeft}: after the last hash read, or from its first hash when that
     * store is not this one (this one was deleted meanwhile).
     */
    public BlockHash resumeAfter(Deque<Long> storesLeft) {
        return !storesLeft.isEmpty() && storesLeft.peekFirst() == store ? after : null;
    }

    /** As saved. */
    public String text() {
        return store + ":" + (after == null ? "" : after.hex());
    }
}
