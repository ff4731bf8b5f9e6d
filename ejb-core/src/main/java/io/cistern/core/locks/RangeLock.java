package io.cistern.core.locks;

import java.util.Objects;

/**
 * A byte-range lock, held or asked for. Shared locks (fcntl F_RDLCK) coexist; an exclusive one (F_WRLCK) excludes
 * every other owner's lock on any byte it covers.
 */
public record RangeLock(LockOwner owner, ByteRange range, boolean exclusive) {

    public RangeLock {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
    }

    /** An owner's own locks never conflict with each other: a new one replaces what it overlaps (POSIX). */
    public boolean conflictsWith(RangeLock other) {
        return (exclusive || other.exclusive) && range.overlaps(other.range) && !owner.equals(other.owner);
    }

    @Override
    public String toString() {
        return (exclusive ? "exclusive " : "shared ") + range + " of " + owner;
    }
}
