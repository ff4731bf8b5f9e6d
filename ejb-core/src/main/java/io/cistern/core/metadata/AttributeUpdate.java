package io.cistern.core.metadata;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.Ownership;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.model.Inode;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.SizeOverlay;
import io.cistern.core.watch.ChangeAspects;
import jakarta.persistence.EntityManager;

/** SETATTR: mode, owner, size and times, each with the POSIX rule for who may change it. */
final class AttributeUpdate extends Mutation {

    private final PayloadEngine payload;

    AttributeUpdate(EntityManager em, Caller caller, PayloadEngine payload) {
        super(em, caller);
        this.payload = payload;
    }

    /**
     * Applies the changes in one transaction; with a guard (NFS sattrguard3) only if the inode's ctime is
     * still the one the client saw.
     */
    Attributes apply(FileHandle handle, AttributeChanges changes, Long guardCtime) {
        if (guardCtime == null && isSizeOnly(changes)) {
            Attributes unchanged = sizeAlreadySet(handle, changes.size());
            if (unchanged != null) {
                return unchanged;
            }
        }
        Inode inode = nodes.lock(handle);
        // the ctime the client saw includes writes not yet uploaded
        long ctime = Math.max(inode.getCtimeNanos(), payload.modifications().modifiedNanos(inode.getId()));
        if (guardCtime != null && ctime != guardCtime) {
            throw new FsException(FsError.NOT_SYNC, "the file changed since the client looked");
        }
        if (changes.equals(AttributeChanges.none())) {
            return Nodes.attributes(inode);
        }
        requireWritable(inode.getShareId());
        if (changes.mode() != null) {
            inode.setMode(PosixRules.chmod(caller, subject(inode), changes.mode()));
        }
        if (changes.uid() != null || changes.gid() != null) {
            Ownership ownership = PosixRules.chown(caller, subject(inode), changes.uid(), changes.gid());
            inode.setUid(ownership.uid());
            inode.setGid(ownership.gid());
            inode.setMode(ownership.mode());
        }
        long sizeBefore = inode.getSize();
        if (changes.size() != null) {
            resize(inode, changes.size());
        }
        applyTimes(inode, changes.atime(), changes.mtime());
        inode.setCreateVerifier(null);
        inode.changed(now);
        applyBirthAndChangeTimes(inode, changes.birthTime(), changes.ctime());
        nodes.modified(inode, aspects(changes, sizeBefore != inode.getSize()));
        return Nodes.attributes(inode);
    }

    /** What a watcher of the file's directory is told the change touched ([MS-FSCC] FILE_NOTIFY_CHANGE_* bits). */
    static int aspects(AttributeChanges changes, boolean resized) {
        int aspects = 0;
        if (changes.mode() != null) {
            aspects |= ChangeAspects.ATTRIBUTES | ChangeAspects.SECURITY;
        }
        if (changes.uid() != null || changes.gid() != null) {
            aspects |= ChangeAspects.SECURITY;
        }
        if (resized) {
            aspects |= ChangeAspects.SIZE | ChangeAspects.LAST_WRITE;
        }
        if (changes.atime().kind() != TimeChange.Kind.KEEP) {
            aspects |= ChangeAspects.LAST_ACCESS;
        }
        if (changes.mtime().kind() != TimeChange.Kind.KEEP) {
            aspects |= ChangeAspects.LAST_WRITE;
        }
        if (changes.birthTime().kind() != TimeChange.Kind.KEEP) {
            aspects |= ChangeAspects.CREATION;
        }
        if (changes.ctime().kind() != TimeChange.Kind.KEEP) {
            aspects |= ChangeAspects.ATTRIBUTES;
        }
        return aspects;
    }

    private static boolean isSizeOnly(AttributeChanges changes) {
        return changes.size() != null && changes.mode() == null && changes.uid() == null && changes.gid() == null
                && changes.atime().kind() == TimeChange.Kind.KEEP && changes.mtime().kind() == TimeChange.Kind.KEEP
                && changes.birthTime().kind() == TimeChange.Kind.KEEP && changes.ctime().kind() == TimeChange.Kind.KEEP;
    }

    /**
     * A SETATTR of nothing but the size the file already has (nfs-cp's O_TRUNC of the file it has just created)
     * changes nothing: as truncate(2) on Linux's file systems, the times move only when the size does. So it takes no
     * row lock (a lock alone makes PostgreSQL write and flush its log at commit), journals nothing and writes nothing,
     * after the same checks as a real truncation. Null when something would change, for the full path to handle.
     */
    private Attributes sizeAlreadySet(FileHandle handle, long size) {
        SizeOverlay unuploaded = payload.index().sizeOverlay(handle.inodeId());   // before the stored size: see there
        Inode inode = nodes.find(handle);
        long stored = nodes.storedSize(inode.getId());   // the database's, not a cached entity's
        if (inode.getSize() != stored || !sizeStands(stored, unuploaded, size)) {
            return null;
        }
        requireWritable(inode.getShareId());
        checkResize(inode, size);
        if (PosixRules.modeAfterWrite(caller, subject(inode)) != inode.getMode()) {
            return null;   // set-id bits to clear: a real change
        }
        return Nodes.attributes(inode);
    }

    private void checkResize(Inode inode, long size) {
        if (inode.getType() == FileType.DIRECTORY.code()) {
            throw new FsException(FsError.IS_DIRECTORY, "a directory has no size to set");
        }
        if (inode.getType() != FileType.REGULAR.code()) {
            throw new FsException(FsError.INVALID, "only regular files can be truncated or extended");
        }
        if (size < 0) {
            throw new FsException(FsError.TOO_BIG, "a size of 2^63 bytes or more is beyond the largest file");
        }
        // the owner may truncate a file it cannot write (knfsd's owner override, which NFS clients rely on)
        if (caller.uid() != inode.getUid()) {
            requireAccess(inode, PosixRules.WRITE, "change the size of this file");
        }
    }

    private void resize(Inode inode, long size) {
        checkResize(inode, size);
        inode.setMode(PosixRules.modeAfterWrite(caller, subject(inode)));
        if (!alreadyThatSize(inode, size)) {
            // journaled (and synced) first: it orders the truncation against the file's unuploaded writes
            payload.truncate(inode.getId(), size);
            inode.setSize(size);
            inode.setMtimeNanos(now);   // only when the size changes, as truncate(2) on Linux's file systems
        }
    }

    /**
     * The file is {@code size} bytes in the database and nothing unuploaded changes that: a truncation to it would
     * cut nothing, so it needs no journal record, no journal sync and no new mtime.
     */
    private boolean alreadyThatSize(Inode inode, long size) {
        return sizeStands(inode.getSize(), payload.index().sizeOverlay(inode.getId()), size);
    }

    /** The stored size is {@code size} and nothing unuploaded changes it. */
    private static boolean sizeStands(long stored, SizeOverlay unuploaded, long size) {
        return stored == size && unuploaded.applyTo(stored) == size;
    }

    private void applyTimes(Inode inode, TimeChange atime, TimeChange mtime) {
        boolean explicit = atime.kind() == TimeChange.Kind.CLIENT || mtime.kind() == TimeChange.Kind.CLIENT;
        boolean any = atime.kind() != TimeChange.Kind.KEEP || mtime.kind() != TimeChange.Kind.KEEP;
        if (!any) {
            return;
        }
        PosixRules.requireMaySetTimes(caller, subject(inode), explicit);
        if (atime.kind() != TimeChange.Kind.KEEP) {
            inode.setAtimeNanos(atime.kind() == TimeChange.Kind.CLIENT ? atime.nanos() : now);
        }
        if (mtime.kind() != TimeChange.Kind.KEEP) {
            inode.setMtimeNanos(mtime.kind() == TimeChange.Kind.CLIENT ? mtime.nanos() : now);
            // a time set after writing (tar, cp -p) must not be overridden by those writes' time when they upload
            payload.modifications().discard(inode.getId());
        }
    }

    /**
     * SMB's creation and change times ([MS-FSA] 2.1.5.14.2), under the rule for setting a time explicitly (the owner
     * only). A change time set is kept in place of the time of this very change, and the change still counts, so
     * that NFS clients, which also watch the change counter, see it.
     */
    private void applyBirthAndChangeTimes(Inode inode, TimeChange birthTime, TimeChange ctime) {
        if (birthTime.kind() == TimeChange.Kind.KEEP && ctime.kind() == TimeChange.Kind.KEEP) {
            return;
        }
        PosixRules.requireMaySetTimes(caller, subject(inode),
                birthTime.kind() == TimeChange.Kind.CLIENT || ctime.kind() == TimeChange.Kind.CLIENT);
        if (birthTime.kind() != TimeChange.Kind.KEEP) {
            inode.setBirthTimeNanos(birthTime.kind() == TimeChange.Kind.CLIENT ? birthTime.nanos() : now);
        }
        if (ctime.kind() == TimeChange.Kind.CLIENT) {
            inode.setCtimeNanos(ctime.nanos());
        }
    }
}
