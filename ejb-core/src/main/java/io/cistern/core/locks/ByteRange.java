package io.cistern.core.locks;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a lock covers, {@code first} to {@code last} inclusive. An inclusive end is what lets a range reach the
 * last addressable byte: {@code last == END} is "to the end of the file and beyond", since no offset above
 * {@link Long#MAX_VALUE} can be read, written or locked (Linux's OFFSET_MAX, the largest off_t).
 * <p>
 * Offsets are compared as unsigned 64-bit values: SMB may lock bytes past {@link #END} ([MS-FSA] 2.1.5.7 allows any
 * uint64 range), which no file can hold and which NLM, whose ranges {@link #of} keeps at or below END, never names.
 * For the ranges NLM makes (both ends at most END) unsigned and signed comparisons agree.
 */
public record ByteRange(long first, long last) {
    /** The last addressable offset; a range ending here extends past any end of file. */
    public static final long END = Long.MAX_VALUE;

    public ByteRange {
        if (Long.compareUnsigned(last, first) < 0) {
            throw new IllegalArgumentException("not a byte range: " + Long.toUnsignedString(first) + ".."
                    + Long.toUnsignedString(last));
        }
    }

    /**
     * A range as fcntl and NLM state it: {@code length} 0 means to the end. Both are uint64 on the wire, so
     * {@code length} is read as unsigned, and a range that would reach past {@link #END} (including one whose
     * offset + length overflows 64 bits) is clamped to reach the end: there is nothing beyond it to leave out.
     *
     * @throws IllegalArgumentException for an offset past {@link #END} (negative as a Java long): there is no such
     *                                  byte, and NLM answers it FBIG
     */
    public static ByteRange of(long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + Long.toUnsignedString(offset) + " is past the last byte");
        }
        if (length == 0 || Long.compareUnsigned(length - 1, END - offset) >= 0) {
            return new ByteRange(offset, END);
        }
        return new ByteRange(offset, offset + length - 1);
    }

    /** The whole file, whatever its size. */
    public static ByteRange whole() {
        return new ByteRange(0, END);
    }

    public boolean reachesEnd() {
        return last == END;
    }

    /** The length as fcntl and NLM report it: 0 for a range that reaches the end. */
    public long length() {
        return reachesEnd() ? 0 : last - first + 1;
    }

    public boolean overlaps(ByteRange other) {
        return Long.compareUnsigned(first, other.last) <= 0 && Long.compareUnsigned(other.first, last) <= 0;
    }

    /** Overlapping or adjacent: the two could be one range. Adjacent ranges share no byte and never conflict. */
    public boolean touches(ByteRange other) {
        return overlaps(other) || (last != END && last != -1L && last + 1 == other.first) || (other.last != END
                && other.last != -1L && other.last + 1 == first);
    }

    public boolean contains(ByteRange other) {
        return Long.compareUnsigned(first, other.first) <= 0 && Long.compareUnsigned(other.last, last) <= 0;
    }

    /** The smallest range covering both; only meaningful for ranges that touch. */
    public ByteRange span(ByteRange other) {
        return new ByteRange(Long.compareUnsigned(first, other.first) <= 0 ? first : other.first,
                Long.compareUnsigned(last, other.last) >= 0 ? last : other.last);
    }

    /** What remains of this range without {@code other}: none, one or two pieces, in order. */
    public List<ByteRange> minus(ByteRange other) {
        List<ByteRange> rest = new ArrayList<>(2);
        if (!overlaps(other)) {
            rest.add(this);
            return rest;
        }
        if (Long.compareUnsigned(first, other.first) < 0) {
            rest.add(new ByteRange(first, other.first - 1));
        }
        if (Long.compareUnsigned(last, other.last) > 0) {
            rest.add(new ByteRange(other.last + 1, last));
        }
        return rest;
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(first) + ".." + (reachesEnd() ? "END" : Long.toUnsignedString(last));
    }
}
