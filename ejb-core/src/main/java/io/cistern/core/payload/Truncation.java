package io.cistern.core.payload;

/** A journal TRUNCATE record: from {@code sequence} on, the file is {@code newSize} bytes long. */
public record Truncation(long sequence, long newSize) {
    public Truncation {
        if (newSize < 0) {
            throw new IllegalArgumentException("negative size " + newSize);
        }
    }
}
