package io.cistern.core.locks;

import java.util.Objects;

/**
 * A byte-range lock, held or asked for. Shared locks (fcntl F_RDLCK) coexist; an exclusive one (F_WRLCK) excludes
 * every other owner's lock on any byte it covers. How an owner's own locks interact depends on its
 * {@link LockFlavor}.
 * <p>
 * A Windows lock may cover no bytes ({@code empty}, [MS-FSA] 2.1.4.10): it is held and released like any other, and
 * sits between the bytes {@code range.first() - 1} and {@code range.first()} ({@code range} is then that one byte,
 * only its position counts). It conflicts with a lock that covers both of those bytes, never with another empty
 * lock, and one at offset 0 conflicts with nothing.
 *
 * @param empty a zero-length Windows lock at {@code range.first()}
 */
public record RangeLock(LockOwner owner, ByteRange range, boolean exclusive, boolean empty) {

    public RangeLock {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
        if (empty && range.first() != range.last()) {
            throw new IllegalArgumentException("an empty lock is placed by a range of one byte, not " + range);
        }
    }

    public RangeLock(LockOwner owner, ByteRange range, boolean exclusive) {
        this(owner, range, exclusive, false);
    }

    /**
     * A lock of {@code length} bytes from {@code offset}, both unsigned as SMB2 states them; length 0 is an empty
     * lock.
     *
     * @throws IllegalArgumentException when the range wraps past 2^64 - 1 (STATUS_INVALID_LOCK_RANGE)
     */
    public static RangeLock ofLength(LockOwner owner, long offset, long length, boolean exclusive) {
        if (length == 0) {
            return new RangeLock(owner, new ByteRange(offset, offset), exclusive, true);
        }
        if (Long.compareUnsigned(length - 1, -1L - offset) > 0) {
            throw new IllegalArgumentException("the range of " + Long.toUnsignedString(length) + " bytes from "
                    + Long.toUnsignedString(offset) + " wraps past the last byte");
        }
        return new RangeLock(owner, new ByteRange(offset, offset + (length - 1)), exclusive, false);
    }

    /** The length as requested: 0 for an empty lock. */
    public long requestedLength() {
        return empty ? 0 : range.last() - range.first() + 1;
    }

    /**
     * Whether this lock, held, keeps {@code request} from being granted. An owner's own POSIX locks never conflict
     * (a new one replaces what it overlaps); a Windows owner's shared lock may stack on its own exclusive one, but
     * its exclusive request conflicts with its own locks as with anyone's ([MS-FSA] 2.1.5.7).
     */
    public boolean conflictsWith(RangeLock request) {
        if (!(exclusive || request.exclusive) || !overlaps(request)) {
            return false;
        }
        return !owner.equals(request.owner) || owner.windows() && request.exclusive;
    }

    /**
     * Whether this lock, held, refuses a read or write of the bytes by {@code reader} ([MS-FSA] 2.1.4.10 as Windows
     * applies it to I/O): any other owner's lock refuses a write, and its exclusive lock a read too; the owner's own
     * exclusive lock allows both, its own shared lock refuses its writes.
     */
    public boolean refusesAccess(LockOwner reader, ByteRange bytes, boolean write) {
        if (!(exclusive || write) || !overlaps(new RangeLock(reader, bytes, write))) {
            return false;
        }
        return !owner.equals(reader) || !exclusive;
    }

    /** Whether the two share a byte, with empty locks as [MS-FSA] 2.1.4.10 places them. */
    public boolean overlaps(RangeLock other) {
        if (empty && other.empty || isEmptyAtZero() || other.isEmptyAtZero()) {
            return false;
        }
        if (!empty && !other.empty) {
            return range.overlaps(other.range);
        }
        long at = empty ? range.first() : other.range.first();
        ByteRange span = empty ? other.range : range;
        return Long.compareUnsigned(span.first(), at) < 0 && Long.compareUnsigned(at, span.last()) <= 0;
    }

    private boolean isEmptyAtZero() {
        return empty && range.first() == 0;
    }

    @Override
    public String toString() {
        return (exclusive ? "exclusive " : "shared ") + (empty ? "empty at " + Long.toUnsignedString(range.first())
                : range) + " of " + owner;
    }
}
