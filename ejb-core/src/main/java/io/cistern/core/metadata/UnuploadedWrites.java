package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.payload.JournalIndex;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.RecentModifications;
import io.cistern.core.payload.SizeOverlay;
import java.util.Map;

/**
 * A file's attributes as clients must see them: the database's, with the size and times of writes that are in the
 * journal but not yet uploaded (which cost no database commit). Taken <em>before</em> the database is read, for
 * the reason {@link SizeOverlay} gives.
 */
record UnuploadedWrites(SizeOverlay size, long modifiedNanos) {
    private static final UnuploadedWrites NONE = new UnuploadedWrites(SizeOverlay.NONE, Long.MIN_VALUE);

    /**
     * Where unuploaded writes are looked up: the engine's journal index and recent modifications, which are the
     * engine's for its whole life. Asked for once per bean rather than per file, because each question to the engine
     * is a call through the container, and a LOOKUP asked four.
     */
    record Source(JournalIndex index, RecentModifications modifications) {
        static Source of(PayloadEngine payload) {
            return new Source(payload.index(), payload.modifications());
        }

        UnuploadedWrites of(long inodeId) {
            SizeOverlay size = index.sizeOverlay(inodeId);
            long modified = modifications.modifiedNanos(inodeId);
            return size.equals(SizeOverlay.NONE) && modified == Long.MIN_VALUE ? NONE
                    : new UnuploadedWrites(size, modified);
        }

        /** For a listing: every file with unuploaded writes, at once. */
        Map<Long, UnuploadedWrites> all() {
            Map<Long, UnuploadedWrites> all = new java.util.HashMap<>();
            for (long inodeId : index.inodeIds()) {
                all.put(inodeId, of(inodeId));
            }
            return all;
        }
    }

    static Attributes apply(Map<Long, UnuploadedWrites> all, Attributes stored) {
        UnuploadedWrites writes = all.get(stored.inodeId());
        return writes == null ? stored : writes.applyTo(stored);
    }

    Attributes applyTo(Attributes a) {
        if (this == NONE) {
            return a;
        }
        long size = this.size.applyTo(a.size());
        long mtime = Math.max(a.mtime(), modifiedNanos);
        long ctime = Math.max(a.ctime(), modifiedNanos);
        return new Attributes(a.inodeId(), a.shareId(), a.type(), a.mode(), a.nlink(), a.uid(), a.gid(), size, a.rdev(),
                a.atime(), mtime, ctime, a.birthTime(), a.change(), a.generation());
    }
}
