package io.cistern.core.audit;

import java.util.Arrays;

/**
 * The hash space cut into 256 ranges by the hash's first byte, for SQL over {@code bytea} columns that compares
 * byte strings as PostgreSQL does (unsigned bytes, then length: a string sorts before every longer string it
 * begins). Bounds are exclusive byte strings, not hashes: the one byte {@code {b}} sorts after every hash whose first
 * byte is below {@code b} and before every hash that begins with {@code b}. So range {@code b} is
 * {@code hash > {b} and hash < {b + 1}}, and the last range ends at 33 bytes of 0xff, above every hash.
 */
public final class HashRanges {
    private static final byte[] END = filled(33, (byte) 0xff);

    private HashRanges() {
    }

    /** The exclusive lower bound where a walk over every range starts. */
    public static byte[] start() {
        return new byte[] {0};
    }

    /**
     * The exclusive upper bound of the range that {@code after} (a lower bound, or a hash done) lies in: where the
     * next query stops. {@code after} is {@link #start()}, an end this returned, or a hash.
     */
    public static byte[] endOfRange(byte[] after) {
        int first = after[0] & 0xff;
        return first == 0xff ? END.clone() : new byte[] {(byte) (first + 1)};
    }

    /** Whether {@code end} (from {@link #endOfRange}) is the end of the last range: nothing lies beyond it. */
    public static boolean isLast(byte[] end) {
        return Arrays.equals(end, END);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
