package io.cistern.core.metadata;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NewNode;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.WccAttributes;
import io.cistern.core.model.DirEntry;
import io.cistern.core.model.Inode;
import jakarta.persistence.EntityManager;
import java.util.Objects;
import java.util.Optional;

/** New names: files, directories, symlinks, special files, and hard links. The directory is locked first. */
final class NodeCreation extends Mutation {
    /** Linux's PATH_MAX: the longest symlink target a client can follow. */
    static final int MAX_SYMLINK_TARGET = 4096;
    /** Keeps nlink inside the 32 bits both protocols carry. */
    static final int MAX_LINKS = 65_000;

    NodeCreation(EntityManager em, Caller caller) {
        super(em, caller);
    }

    NodeChange create(FileHandle directory, byte[] name, int mode, CreateMode how, long verifier) {
        Inode dir = lockDirectoryToChange(directory, name, "create in this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        Optional<DirEntry> existing = nodes.entry(dir.getId(), name);
        if (existing.isPresent()) {
            Inode child = nodes.get(existing.get().getChildId());
            boolean sameExclusiveCreate = how == CreateMode.EXCLUSIVE && child.getType() == FileType.REGULAR.code()
                    && Objects.equals(child.getCreateVerifier(), verifier);
            boolean keepsRegularFile = how == CreateMode.UNCHECKED && child.getType() == FileType.REGULAR.code();
            if (!sameExclusiveCreate && !keepsRegularFile) {
                throw new FsException(FsError.EXISTS, "the name exists");
            }
            return new NodeChange(Nodes.attributes(child), new DirectoryChange(before, Nodes.attributes(dir)));
        }
        Inode file = newNode(dir, FileType.REGULAR, mode);
        file.setNlink(1);
        if (how == CreateMode.EXCLUSIVE) {
            file.setCreateVerifier(verifier);
        }
        return link(dir, before, name, file);
    }

    NodeChange mkdir(FileHandle directory, byte[] name, int mode) {
        Inode dir = lockDirectoryToChange(directory, name, "create in this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        requireNewName(dir, name);
        requireRoomForLink(dir);
        Inode child = newNode(dir, FileType.DIRECTORY, mode);
        child.setNlink(2);
        child.setParentId(dir.getId());
        dir.setNlink(dir.getNlink() + 1);
        return link(dir, before, name, child);
    }

    NodeChange symlink(FileHandle directory, byte[] name, byte[] target, int mode) {
        if (target.length == 0) {
            throw new FsException(FsError.INVALID, "a symbolic link needs a target");
        }
        if (target.length > MAX_SYMLINK_TARGET) {
            throw new FsException(FsError.NAME_TOO_LONG, "symbolic link target longer than " + MAX_SYMLINK_TARGET + " bytes");
        }
        Inode dir = lockDirectoryToChange(directory, name, "create in this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        requireNewName(dir, name);
        // symlinks carry no meaningful permissions: Linux shows them as 0777 whatever was asked
        Inode link = newNode(dir, FileType.SYMLINK, 0777);
        link.setMode(0777);
        link.setNlink(1);
        link.setSymlinkTarget(target);
        link.setSize(target.length);
        return link(dir, before, name, link);
    }

    NodeChange mknod(FileHandle directory, byte[] name, FileType type, int mode, long rdev) {
        boolean device = type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE;
        if (!device && type != FileType.FIFO && type != FileType.SOCKET) {
            throw new FsException(FsError.INVALID, "mknod makes only FIFOs, sockets and devices, not " + type);
        }
        if (device && !caller.isRoot()) {
            throw new FsException(FsError.PERMISSION, "only root may create device files");
        }
        Inode dir = lockDirectoryToChange(directory, name, "create in this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        requireNewName(dir, name);
        Inode node = newNode(dir, type, mode);
        node.setNlink(1);
        node.setRdev(device ? rdev : 0);
        return link(dir, before, name, node);
    }

    NodeChange hardLink(FileHandle target, FileHandle directory, byte[] name) {
        if (target.shareId() != directory.shareId()) {
            throw new FsException(FsError.CROSS_DEVICE, "a hard link cannot cross shares");
        }
        Inode dir = lockDirectoryToChange(directory, name, "create in this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        Inode file = nodes.lock(target);
        if (file.getType() == FileType.DIRECTORY.code()) {
            throw new FsException(FsError.PERMISSION, "directories cannot be hard-linked");
        }
        requireNewName(dir, name);
        requireRoomForLink(file);
        file.setNlink(file.getNlink() + 1);
        file.changed(now);
        nodes.persist(new DirEntry(dir.getId(), name, NameFolding.fold(name), file.getId()));
        dir.modified(now);
        return new NodeChange(Nodes.attributes(file), new DirectoryChange(before, Nodes.attributes(dir)));
    }

    private void requireNewName(Inode dir, byte[] name) {
        if (nodes.entry(dir.getId(), name).isPresent()) {
            throw new FsException(FsError.EXISTS, "the name exists");
        }
    }

    private static void requireRoomForLink(Inode inode) {
        if (inode.getNlink() >= MAX_LINKS) {
            throw new FsException(FsError.TOO_MANY_LINKS, "too many links");
        }
    }

    private Inode newNode(Inode dir, FileType type, int requestedMode) {
        NewNode owner = PosixRules.newNode(caller, subject(dir), type, requestedMode);
        return new Inode(dir.getShareId(), 0, type.code(), owner.mode(), owner.uid(), owner.gid(), newGeneration(), now);
    }

    private NodeChange link(Inode dir, WccAttributes before, byte[] name, Inode child) {
        nodes.persist(child);
        nodes.persist(new DirEntry(dir.getId(), name, NameFolding.fold(name), child.getId()));
        dir.modified(now);
        return new NodeChange(Nodes.attributes(child), new DirectoryChange(before, Nodes.attributes(dir)));
    }
}
