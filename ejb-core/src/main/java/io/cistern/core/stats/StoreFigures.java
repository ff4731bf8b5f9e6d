package io.cistern.core.stats;

import io.cistern.core.model.StoreStatistics;
import java.io.Serializable;
import java.time.Instant;

/**
 * The block store's space as last computed: {@code physicalBytes} and {@code blocks} are what the store really holds
 * (its listing: every object, and the bytes it takes there); {@code referencedBytes} and {@code referencedBlocks} are
 * the blocks the dedup index says some file still references. What the store holds beyond those is garbage waiting
 * for collection.
 */
public record StoreFigures(String store, String location, long physicalBytes, long blocks, long referencedBytes,
                           long referencedBlocks, Instant computedAt) implements Serializable {

    static StoreFigures of(StoreStatistics row) {
        return new StoreFigures(row.getStore(), row.getLocation(), row.getPhysicalBytes(), row.getBlocks(),
                row.getReferencedBytes(), row.getReferencedBlocks(), row.getComputedAt());
    }

    boolean sameFiguresAs(StoreStatistics row) {
        return row.getLocation().equals(location) && row.getPhysicalBytes() == physicalBytes && row.getBlocks() == blocks
                && row.getReferencedBytes() == referencedBytes && row.getReferencedBlocks() == referencedBlocks;
    }
}
