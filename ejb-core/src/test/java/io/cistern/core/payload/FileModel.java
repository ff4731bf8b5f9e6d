package io.cistern.core.payload;

import java.util.Arrays;

/** The plain truth the index and assembler are checked against: a file as one growable byte array. */
final class FileModel {
    private byte[] bytes = new byte[0];
    private long size;

    void write(long offset, byte[] data) {
        ensure(offset + data.length);
        System.arraycopy(data, 0, bytes, (int) offset, data.length);
        size = Math.max(size, offset + data.length);
    }

    void truncate(long newSize) {
        ensure(newSize);
        if (newSize < size) {
            Arrays.fill(bytes, (int) newSize, (int) size, (byte) 0);
        }
        size = newSize;
    }

    long size() {
        return size;
    }

    /** Block {@code index} as the file has it: up to 4 MiB, shorter at the end, empty past it. */
    byte[] block(long index) {
        long start = index * JournalIndex.BLOCK_SIZE;
        long end = Math.min(size, start + JournalIndex.BLOCK_SIZE);
        return start >= end ? new byte[0] : Arrays.copyOfRange(bytes, (int) start, (int) end);
    }

    long blockCount() {
        return (size + JournalIndex.BLOCK_SIZE - 1) / JournalIndex.BLOCK_SIZE;
    }

    private void ensure(long length) {
        if (length > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(length, bytes.length * 2L));
        }
    }
}
