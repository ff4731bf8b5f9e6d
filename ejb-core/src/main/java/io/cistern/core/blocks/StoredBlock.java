package io.cistern.core.blocks;

/** One block as a store's listing reports it: its address and its size in bytes (the physical bytes used). */
public record StoredBlock(BlockHash hash, long size) {
    public StoredBlock {
        if (hash == null || size < 0) {
            throw new IllegalArgumentException("a stored block has a hash and a size >= 0");
        }
    }
}
