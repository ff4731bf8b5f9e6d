package io.cistern.core.stats;

import io.cistern.core.model.StoreStatistics;
import java.io.Serializable;
import java.time.Instant;

/**
 * One block store's space as last computed: {@code physicalBytes} and {@code blocks} are what the store really holds
 * (its listing: every object, and the bytes it takes there); {@code referencedBytes} and {@code referencedBlocks} are
 * the blocks the dedup index says some file still references, each once: the store's unique bytes and blocks. What
 * the store holds beyond those is garbage waiting for collection. {@code logicalBytes} and {@code files} add up the
 * shares on the store; {@code dedupRatio} is logical / referenced bytes (1.0 for an empty store).
 *
 * @param store the store's name ({@code default} for the environment's)
 * @param kind  {@code filesystem} or {@code s3}
 */
public record StoreFigures(String store, String kind, String location, long physicalBytes, long blocks,
                           long referencedBytes, long referencedBlocks, long logicalBytes, long files,
                           double dedupRatio, Instant computedAt) implements Serializable {

    public static StoreFigures of(String store, String kind, String location, long physicalBytes, long blocks,
                                  long referencedBytes, long referencedBlocks, long logicalBytes, long files,
                                  Instant computedAt) {
        double ratio = referencedBytes == 0 ? 1.0 : (double) logicalBytes / referencedBytes;
        return new StoreFigures(store, kind, location, physicalBytes, blocks, referencedBytes, referencedBlocks,
                logicalBytes, files, ratio, computedAt);
    }

    static StoreFigures of(StoreStatistics row) {
        return of(row.getStore(), row.getKind(), row.getLocation(), row.getPhysicalBytes(), row.getBlocks(),
                row.getReferencedBytes(), row.getReferencedBlocks(), row.getLogicalBytes(), row.getFiles(),
                row.getComputedAt());
    }

    boolean sameFiguresAs(StoreStatistics row) {
        return row.getLocation().equals(location) && java.util.Objects.equals(row.getKind(), kind)
                && row.getPhysicalBytes() == physicalBytes && row.getBlocks() == blocks
                && row.getReferencedBytes() == referencedBytes && row.getReferencedBlocks() == referencedBlocks
                && row.getLogicalBytes() == logicalBytes && row.getFiles() == files;
    }
}
