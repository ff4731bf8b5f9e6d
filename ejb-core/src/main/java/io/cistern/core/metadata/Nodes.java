package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.model.DirEntry;
import io.cistern.core.model.Inode;
import io.cistern.core.payload.FileBlocks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/**
 * Reads and locks inodes and directory entries for one transaction. Locks are row locks
 * ({@code SELECT … FOR UPDATE}); callers take them ancestors first, so two operations never wait on each
 * other in a circle.
 */
final class Nodes {
    private final EntityManager em;
    private final NameChanges names = new NameChanges();
    private final WatchedChanges watched;

    Nodes(EntityManager em) {
        this.em = em;
        this.watched = new WatchedChanges(em);
    }

    /** The attributes of {@code inode} changed ({@link io.cistern.core.watch.ChangeAspects} bits): for watchers. */
    void modified(Inode inode, int aspects) {
        watched.modified(inode, aspects);
    }

    /** The inode a handle names, or STALE when it no longer exists (or the id was reused). */
    Inode find(FileHandle handle) {
        Inode inode = em.find(Inode.class, handle.inodeId());
        return requireCurrent(inode, handle);
    }

    /** The size the database holds for an inode, read past the entity cache. */
    long storedSize(long inodeId) {
        return ((Number) em.createNativeQuery("select size from inode where id = ?1").setParameter(1, inodeId)
                .getSingleResult()).longValue();
    }

    /** As {@link #find}, with the inode's row locked until the transaction ends. */
    Inode lock(FileHandle handle) {
        Inode inode = requireCurrent(em.find(Inode.class, handle.inodeId(), LockModeType.PESSIMISTIC_WRITE), handle);
        names.locked(inode);
        return inode;
    }

    Inode lock(long inodeId) {
        Inode inode = em.find(Inode.class, inodeId, LockModeType.PESSIMISTIC_WRITE);
        if (inode == null) {
            throw new FsException(FsError.STALE, "inode " + inodeId + " vanished");
        }
        names.locked(inode);
        return inode;
    }

    Inode get(long inodeId) {
        Inode inode = em.find(Inode.class, inodeId);
        if (inode == null) {
            throw new FsException(FsError.STALE, "inode " + inodeId + " vanished");
        }
        return inode;
    }

    private static Inode requireCurrent(Inode inode, FileHandle handle) {
        if (inode == null || inode.getShareId() != handle.shareId() || inode.getGeneration() != handle.generation()) {
            throw new FsException(FsError.STALE, "no such file or directory (stale handle)");
        }
        return inode;
    }

    static Inode requireDirectory(Inode inode) {
        if (inode.getType() != FileType.DIRECTORY.code()) {
            throw new FsException(FsError.NOT_DIRECTORY, "not a directory");
        }
        return inode;
    }

    Optional<DirEntry> entry(long parentId, byte[] name) {
        List<DirEntry> found = em.createQuery(
                        "select e from DirEntry e where e.parentId = :parent and e.name = :name", DirEntry.class)
                .setParameter("parent", parentId).setParameter("name", name).getResultList();
        return found.stream().findFirst();
    }

    /**
     * The child a name in a directory names. Native: a LOOKUP of a name the attribute cache does not hold (any
     * name in a directory that just changed) needs only the id, and the child's attributes are often cached.
     */
    Optional<Long> childId(long parentId, byte[] name) {
        List<?> found = em.createNativeQuery("select child_id from dirent where parent_id = ?1 and name = ?2")
                .setParameter(1, parentId).setParameter(2, name).getResultList();
        return found.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** Entries whose name folds to the same form, oldest first. */
    List<DirEntry> entriesIgnoringCase(long parentId, byte[] foldedName) {
        return em.createQuery("select e from DirEntry e where e.parentId = :parent and e.foldedName = :folded"
                        + " order by e.cookie", DirEntry.class)
                .setParameter("parent", parentId).setParameter("folded", foldedName).getResultList();
    }

    boolean hasEntries(long directoryId) {
        return !em.createQuery("select e.cookie from DirEntry e where e.parentId = :parent", Long.class)
                .setParameter("parent", directoryId).setMaxResults(1).getResultList().isEmpty();
    }

    /** Whether {@code ancestor} is {@code node} or lies on its path to the share's root. */
    boolean isSameOrAncestor(long ancestor, Inode node) {
        Inode current = node;
        while (true) {
            if (current.getId() == ancestor) {
                return true;
            }
            if (current.getParentId() == current.getId() || current.getParentId() == 0) {
                return false;
            }
            current = get(current.getParentId());
        }
    }

    void persist(Object entity) {
        em.persist(entity);
        if (entity instanceof DirEntry entry) {
            names.added(entry.getParentId(), entry.getName(), entry.getChildId());
            watched.added(entry.getParentId(), entry.getName(), entry.getChildId());
        }
    }

    /** Gives an entry another directory and name (a rename). */
    void move(DirEntry entry, long parentId, byte[] name) {
        names.removed(entry.getParentId(), entry.getName());
        watched.moved(entry.getParentId(), entry.getName(), parentId, name, entry.getChildId());
        entry.moveTo(parentId, name, NameFolding.fold(name));
        names.added(parentId, name, entry.getChildId());
    }

    /**
     * Deletes a row. A regular file's blocks are released with it, after its row is locked: the uploader locks it
     * too before mapping, so it never maps a block to a file being deleted (which would leak the block).
     */
    void remove(Object entity) {
        if (entity instanceof DirEntry entry) {
            names.removed(entry.getParentId(), entry.getName());
            watched.removed(entry.getParentId(), entry.getName(), entry.getChildId());
        }
        if (entity instanceof Inode inode && inode.getType() == FileType.REGULAR.code()) {
            // a REMOVE locked it already: asking again would be one more round trip to the database
            if (!names.holdsLock(inode.getId())) {
                em.lock(inode, LockModeType.PESSIMISTIC_WRITE);
            }
            FileBlocks.unmapAll(em, inode.getId());
        }
        em.remove(entity);
    }

    void flush() {
        em.flush();
    }

    static Attributes attributes(Inode inode) {
        return new Attributes(inode.getId(), inode.getShareId(), FileType.ofCode(inode.getType()), inode.getMode(),
                inode.getNlink(), inode.getUid(), inode.getGid(), inode.getSize(), inode.getRdev(),
                inode.getAtimeNanos(), inode.getMtimeNanos(), inode.getCtimeNanos(), inode.getBirthTimeNanos(),
                inode.getChange(), inode.getGeneration());
    }
}
