package io.cistern.core.blocks;

import java.time.Instant;

/**
 * One block as a store's listing reports it: its address, its size in bytes (the physical bytes used), and when its
 * object was last written (a file's mtime, an object's Last-Modified), which garbage collection measures an orphan's
 * age from.
 */
public record StoredBlock(BlockHash hash, long size, Instant modified) {
    public StoredBlock {
        if (hash == null || size < 0 || modified == null) {
            throw new IllegalArgumentException("a stored block has a hash, a size >= 0 and a time");
        }
    }
}
