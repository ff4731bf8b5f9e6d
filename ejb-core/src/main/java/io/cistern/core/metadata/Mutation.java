package io.cistern.core.metadata;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsClock;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.PermissionSubject;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.model.Inode;
import io.cistern.core.model.Share;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;

/** What every change of the file system needs: the caller, one clock reading, the nodes, and the share rules. */
class Mutation {
    private static final SecureRandom GENERATIONS = new SecureRandom();

    final EntityManager em;
    final Nodes nodes;
    final Caller caller;
    final long now;

    Mutation(EntityManager em, Caller caller) {
        this.em = em;
        this.nodes = new Nodes(em);
        this.caller = caller;
        this.now = nowNanos();
    }

    static long nowNanos() {
        return FsClock.nowNanos();
    }

    /** A random generation makes a handle of a deleted inode useless even if an id were ever reused. */
    static int newGeneration() {
        return GENERATIONS.nextInt() & Integer.MAX_VALUE;
    }

    void requireWritable(long shareId) {
        ShareExports.Export share = ShareExports.of(em, shareId);
        if (share == null) {
            throw new FsException(FsError.STALE, "the share no longer exists");
        }
        if (share.options().readOnly()) {
            throw new FsException(FsError.READ_ONLY, "share '" + share.name() + "' is read-only");
        }
    }

    /**
     * Serializes renames that move between directories within a share, as Linux does with its per-file-system
     * rename mutex: while one runs, no other can change which directory is an ancestor of which, so the loop
     * check and the ancestors-first lock order stay true.
     */
    void lockShareForCrossDirectoryRename(long shareId) {
        em.find(Share.class, shareId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The first step of every change to a directory's entries: a valid name, the directory's row locked,
     * a writable share, and write and search permission on the directory.
     */
    Inode lockDirectoryToChange(FileHandle directory, byte[] name, String what) {
        PosixRules.requireValidName(name);
        Inode dir = Nodes.requireDirectory(nodes.lock(directory));
        requireWritable(dir.getShareId());
        requireAccess(dir, PosixRules.WRITE | PosixRules.EXECUTE, what);
        return dir;
    }

    static PermissionSubject subject(Inode inode) {
        return new PermissionSubject(FileType.ofCode(inode.getType()), inode.getMode(),
                inode.getUid(), inode.getGid());
    }

    void requireAccess(Inode inode, int wanted, String what) {
        PosixRules.requireAccess(caller, subject(inode), wanted, what);
    }
}
