package io.cistern.core.blocks;

import java.nio.ByteBuffer;
import java.util.Random;

/** Reproducible block contents for the store tests. */
final class TestBlocks {
    private TestBlocks() {
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static ByteBuffer buffer(byte[] data) {
        return ByteBuffer.wrap(data);
    }
}
