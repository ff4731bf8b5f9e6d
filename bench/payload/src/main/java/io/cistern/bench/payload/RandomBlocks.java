package io.cistern.bench.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.SplittableRandom;

/**
 * Full 4 MiB blocks of random bytes, one per seed. Distinct, so that no put is skipped as "exists
 * already" (both stores are content-addressed); random, so that nothing on the way can compress them.
 */
final class RandomBlocks {
    private RandomBlocks() {
    }

    /** A block with its address, as a caller of {@link BlockStore#put} holds it. */
    record Block(BlockHash hash, ByteBuffer data) {
        static Block ofSeed(long seed) {
            ByteBuffer data = bytes(seed);
            return new Block(BlockHash.of(data), data);
        }
    }

    /** SplittableRandom a long at a time: several times faster than Random.nextBytes for a GiB of blocks. */
    static ByteBuffer bytes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer data = ByteBuffer.allocate(BlockStore.MAX_BLOCK);
        LongBuffer longs = data.asLongBuffer();
        while (longs.hasRemaining()) {
            longs.put(random.nextLong());
        }
        return data;
    }
}
