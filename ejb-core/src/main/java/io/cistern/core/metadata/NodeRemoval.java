package io.cistern.core.metadata;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.WccAttributes;
import io.cistern.core.model.DirEntry;
import io.cistern.core.model.Inode;
import jakarta.persistence.EntityManager;

/** Names going away: REMOVE and RMDIR. The directory is locked before the node it names. */
final class NodeRemoval extends Mutation {

    NodeRemoval(EntityManager em, Caller caller) {
        super(em, caller);
    }

    DirectoryChange remove(FileHandle directory, byte[] name) {
        Inode dir = lockDirectoryToChange(directory, name, "remove from this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        DirEntry entry = requireEntry(dir, name);
        Inode child = nodes.lock(entry.getChildId());
        if (child.getType() == FileType.DIRECTORY.code()) {
            throw new FsException(FsError.IS_DIRECTORY, "a directory is removed with rmdir");
        }
        PosixRules.requireMayDelete(caller, subject(dir), subject(child));
        nodes.remove(entry);
        unlink(child, now, nodes);
        dir.modified(now);
        return new DirectoryChange(before, Nodes.attributes(dir));
    }

    DirectoryChange rmdir(FileHandle directory, byte[] name) {
        Inode dir = lockDirectoryToChange(directory, name, "remove from this directory");
        WccAttributes before = Nodes.attributes(dir).wcc();
        DirEntry entry = requireEntry(dir, name);
        Inode child = nodes.lock(entry.getChildId());
        if (child.getType() != FileType.DIRECTORY.code()) {
            throw new FsException(FsError.NOT_DIRECTORY, "not a directory");
        }
        PosixRules.requireMayDelete(caller, subject(dir), subject(child));
        if (nodes.hasEntries(child.getId())) {
            throw new FsException(FsError.NOT_EMPTY, "the directory is not empty");
        }
        nodes.remove(entry);
        nodes.remove(child);
        dir.setNlink(dir.getNlink() - 1);
        dir.modified(now);
        return new DirectoryChange(before, Nodes.attributes(dir));
    }

    /**
     * One name of a non-directory is gone: the inode goes with its last name, otherwise its ctime records
     * the change of its link count.
     */
    static void unlink(Inode node, long now, Nodes nodes) {
        if (node.getNlink() <= 1) {
            // not counted down first: the count would be written (the block release flushes) just to be deleted
            nodes.remove(node);
        } else {
            node.setNlink(node.getNlink() - 1);
            node.changed(now);
        }
    }

    private DirEntry requireEntry(Inode dir, byte[] name) {
        return nodes.entry(dir.getId(), name)
                .orElseThrow(() -> new FsException(FsError.NOT_FOUND, "no such file or directory"));
    }
}
