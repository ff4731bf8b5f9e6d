package io.cistern.core.blocks;

import java.nio.ByteBuffer;
import java.util.stream.Stream;

/**
 * Where block contents live: a content-addressed store of immutable blocks of at most {@link #MAX_BLOCK}
 * bytes, each under the SHA-256 of its bytes.
 *
 * <p>Implementations are thread-safe. Every failure is a {@link BlockStoreException}; its kind says
 * whether to retry ({@code UNAVAILABLE}), free space ({@code NO_SPACE}) or give up. Reads are not verified
 * here: wrap a store in {@link VerifyingBlockStore} for that.
 */
public interface BlockStore extends AutoCloseable {
    /** Files are cut into blocks of 4 MiB; the last block of a file may be shorter. */
    int MAX_BLOCK = 4 * 1024 * 1024;

    /**
     * Stores {@code data}'s remaining bytes under {@code hash}, durably once this returns. The buffer's
     * position is not moved. Idempotent: when the block exists already it is left alone and this succeeds,
     * also when several callers put the same block at once. The caller vouches that {@code hash} is the
     * SHA-256 of the data (a store may check it and fail with {@code CORRUPT}).
     *
     * @throws IllegalArgumentException if the data is larger than {@link #MAX_BLOCK}
     */
    void put(BlockHash hash, ByteBuffer data);

    /** The whole block. {@code NOT_FOUND} when it is absent. */
    byte[] get(BlockHash hash);

    /**
     * The whole block, every byte also fed to {@code digest} as it is read. A store that reads in pieces overrides
     * this so that hashing overlaps the reading (the kernel reads ahead while the CPU hashes): how
     * {@link VerifyingBlockStore} checks blocks at close to the speed of the disk.
     */
    default byte[] get(BlockHash hash, java.security.MessageDigest digest) {
        byte[] block = get(hash);
        digest.update(block);
        return block;
    }

    /**
     * {@code length} bytes of the block from {@code offset}, fewer when the block ends first, and none when
     * {@code offset} is at or past its end. {@code NOT_FOUND} when the block is absent.
     */
    byte[] get(BlockHash hash, long offset, int length);

    boolean exists(BlockHash hash);

    /** Removes the block; an absent block is not an error. */
    void delete(BlockHash hash);

    /**
     * Every block with its size, in no particular order, for audit, garbage collection and statistics.
     * Lazily fetched: close the stream (try-with-resources). Foreign files or keys are skipped.
     */
    Stream<StoredBlock> list();

    /**
     * The blocks whose hash is greater than {@code after} (every block when it is null), in ascending hash order
     * ({@link BlockHash#compareTo}), lazily like {@link #list()}: what a walk that resumes from a checkpoint (the
     * audit) needs. This default sorts the whole listing in memory; the stores override it with a listing that
     * comes in order.
     */
    default Stream<StoredBlock> listInOrder(BlockHash after) {
        Stream<StoredBlock> all = list();
        return all.filter(block -> after == null || block.hash().compareTo(after) > 0)
                .sorted(java.util.Comparator.comparing(StoredBlock::hash))
                .onClose(all::close);
    }

    /** Where this store is, for logs and messages. Never contains credentials. */
    String describe();

    /** Releases connections and threads; the default has none. */
    @Override
    default void close() {
    }
}
