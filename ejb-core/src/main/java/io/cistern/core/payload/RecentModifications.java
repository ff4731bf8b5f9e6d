package io.cistern.core.payload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * When each file was last written, for writes not yet uploaded. An unstable write costs no database commit, so its
 * mtime lives here until the uploader stores it with the file's blocks; attributes take the later of this and the
 * stored time. Entries are removed once stored, so the map holds only files with unuploaded writes.
 */
public final class RecentModifications {
    private final ConcurrentMap<Long, Long> modifiedNanos = new ConcurrentHashMap<>();

    /** The file was written at {@code nanos} (epoch nanoseconds). Times only move forward. */
    public void touch(long inodeId, long nanos) {
        modifiedNanos.merge(inodeId, nanos, Math::max);
    }

    /** The last unstored write's time, or {@code Long.MIN_VALUE}. */
    public long modifiedNanos(long inodeId) {
        Long nanos = modifiedNanos.get(inodeId);
        return nanos == null ? Long.MIN_VALUE : nanos;
    }

    /** The uploader stored {@code nanos} as the file's mtime: forget it unless a later write came meanwhile. */
    public void stored(long inodeId, long nanos) {
        modifiedNanos.remove(inodeId, nanos);
    }

    public void discard(long inodeId) {
        modifiedNanos.remove(inodeId);
    }
}
