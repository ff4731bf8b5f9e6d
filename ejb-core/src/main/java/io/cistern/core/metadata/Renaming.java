package io.cistern.core.metadata;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.Renamed;
import io.cistern.core.fs.WccAttributes;
import io.cistern.core.model.DirEntry;
import io.cistern.core.model.Inode;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * RENAME with POSIX semantics: atomic replacement of the target, a directory only over an empty
 * directory, never into its own subtree. Locks: the share's rename lock when the directories differ, then
 * the two directories ancestor first (else lower id first), then the moved node and the replaced one, lower id
 * first. Neither of those two may be an ancestor of the other directory (checked before they are locked), so every
 * lock is taken ancestors first, as REMOVE and RMDIR take theirs. The two are in ascending id because the upload
 * locks its files that way (see io.cistern.core.payload.BlockIndex): a file renamed over another while both are
 * being uploaded would otherwise be a circle of two.
 */
final class Renaming extends Mutation {

    Renaming(EntityManager em, Caller caller) {
        super(em, caller);
    }

    Renamed rename(FileHandle from, byte[] fromName, FileHandle to, byte[] toName) {
        PosixRules.requireValidName(fromName);
        PosixRules.requireValidName(toName);
        if (from.shareId() != to.shareId()) {
            throw new FsException(FsError.CROSS_DEVICE, "a rename cannot cross shares");
        }
        Inode[] dirs = lockDirectories(from, to);
        Inode fromDir = dirs[0];
        Inode toDir = dirs[1];
        requireWritable(fromDir.getShareId());
        requireAccess(fromDir, PosixRules.WRITE | PosixRules.EXECUTE, "rename from this directory");
        requireAccess(toDir, PosixRules.WRITE | PosixRules.EXECUTE, "rename into this directory");
        WccAttributes fromBefore = Nodes.attributes(fromDir).wcc();
        WccAttributes toBefore = Nodes.attributes(toDir).wcc();

        DirEntry source = nodes.entry(fromDir.getId(), fromName)
                .orElseThrow(() -> new FsException(FsError.NOT_FOUND, "no such file or directory"));
        Optional<DirEntry> target = nodes.entry(toDir.getId(), toName);
        if (fromDir != toDir) {
            requireNoTrap(source, target, fromDir, toDir);
        }
        if (target.isPresent() && target.get().getChildId() < source.getChildId()) {
            nodes.lock(target.get().getChildId());   // the two leaves in ascending id: see the class comment
        }
        Inode moved = nodes.lock(source.getChildId());
        PosixRules.requireMayDelete(caller, subject(fromDir), subject(moved));
        if (target.isPresent() && target.get().getChildId() == moved.getId()) {
            // both names already mean the same inode: POSIX says do nothing and succeed
            return new Renamed(new DirectoryChange(fromBefore, Nodes.attributes(fromDir)),
                    new DirectoryChange(toBefore, Nodes.attributes(toDir)));
        }
        boolean movesDirectory = moved.getType() == FileType.DIRECTORY.code();
        if (movesDirectory) {
            requireMovableDirectory(moved, fromDir, toDir);
        }
        target.ifPresent(entry -> replace(entry, toDir, movesDirectory));
        nodes.move(source, toDir.getId(), toName);
        if (movesDirectory && fromDir != toDir) {
            moved.setParentId(toDir.getId());
            fromDir.setNlink(fromDir.getNlink() - 1);
            toDir.setNlink(toDir.getNlink() + 1);
        }
        moved.changed(now);
        fromDir.modified(now);
        if (toDir != fromDir) {
            toDir.modified(now);
        }
        return new Renamed(new DirectoryChange(fromBefore, Nodes.attributes(fromDir)),
                new DirectoryChange(toBefore, Nodes.attributes(toDir)));
    }

    private Inode[] lockDirectories(FileHandle from, FileHandle to) {
        if (from.inodeId() == to.inodeId()) {
            Inode dir = Nodes.requireDirectory(nodes.lock(from));
            return new Inode[] {dir, dir};
        }
        lockShareForCrossDirectoryRename(from.shareId());
        Inode fromDir = Nodes.requireDirectory(nodes.find(from));
        Inode toDir = Nodes.requireDirectory(nodes.find(to));
        boolean fromFirst;
        if (nodes.isSameOrAncestor(fromDir.getId(), toDir)) {
            fromFirst = true;
        } else if (nodes.isSameOrAncestor(toDir.getId(), fromDir)) {
            fromFirst = false;
        } else {
            fromFirst = fromDir.getId() < toDir.getId();
        }
        if (fromFirst) {
            fromDir = nodes.lock(from);
            toDir = nodes.lock(to);
        } else {
            toDir = nodes.lock(to);
            fromDir = nodes.lock(from);
        }
        return new Inode[] {fromDir, toDir};
    }

    /**
     * Refuses a move of a directory into its own subtree (INVALID), and a target that is an ancestor of the
     * source directory (NOT_EMPTY: it holds that directory), before the moved or the replaced node is locked:
     * such a node is an ancestor of a directory this rename has locked already, and locking it now would
     * invert the ancestors-first order, so that a concurrent RMDIR or REMOVE (parent, then child) deadlocks
     * with it. Linux checks the same two cases, in this order, right after lock_rename (do_renameat2).
     * The share's rename lock keeps the ancestry still while this runs.
     */
    private void requireNoTrap(DirEntry source, Optional<DirEntry> target, Inode fromDir, Inode toDir) {
        if (nodes.isSameOrAncestor(source.getChildId(), toDir)) {
            throw new FsException(FsError.INVALID, "a directory cannot move into itself or its own subtree");
        }
        if (target.isPresent() && nodes.isSameOrAncestor(target.get().getChildId(), fromDir)) {
            throw new FsException(FsError.NOT_EMPTY, "the target is a directory that holds the source");
        }
    }

    private void requireMovableDirectory(Inode moved, Inode fromDir, Inode toDir) {
        if (fromDir != toDir) {
            // its ".." entry changes, which is a write to the moved directory (Linux vfs_rename)
            requireAccess(moved, PosixRules.WRITE, "move this directory");
        }
    }

    private void replace(DirEntry entry, Inode toDir, boolean movesDirectory) {
        Inode victim = nodes.lock(entry.getChildId());
        boolean victimIsDirectory = victim.getType() == FileType.DIRECTORY.code();
        if (movesDirectory && !victimIsDirectory) {
            throw new FsException(FsError.NOT_DIRECTORY, "a directory can only replace a directory");
        }
        if (!movesDirectory && victimIsDirectory) {
            throw new FsException(FsError.IS_DIRECTORY, "a file cannot replace a directory");
        }
        PosixRules.requireMayDelete(caller, subject(toDir), subject(victim));
        if (victimIsDirectory && nodes.hasEntries(victim.getId())) {
            throw new FsException(FsError.NOT_EMPTY, "the directory to replace is not empty");
        }
        nodes.remove(entry);
        // the entry's row must be gone before the moved entry takes over its (parent, name)
        nodes.flush();
        if (victimIsDirectory) {
            nodes.remove(victim);
            toDir.setNlink(toDir.getNlink() - 1);
        } else {
            NodeRemoval.unlink(victim, now, nodes);
        }
    }
}
