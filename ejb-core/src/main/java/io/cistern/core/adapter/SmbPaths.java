package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NamedAttributes;
import io.cistern.core.metadata.MetadataService;
import java.util.List;

/**
 * Share-relative paths resolved the way SMB names files: from the share's top, a component at a time, each
 * matched case-insensitively (an exact match winning), with search permission needed on every directory passed.
 */
final class SmbPaths {
    /** An entry found at a path, with the directory that holds it. */
    record Entry(Attributes directory, NamedAttributes named) {
        Attributes attributes() {
            return named.attributes();
        }
    }

    private final MetadataService metadata;

    SmbPaths(MetadataService metadata) {
        this.metadata = metadata;
    }

    /**
     * The directory holding the last component of a non-empty path; null when a component before it names nothing
     * or something other than a directory (STATUS_OBJECT_PATH_NOT_FOUND to the client).
     */
    Attributes directoryOf(Caller caller, long shareId, List<String> path) {
        Attributes directory = metadata.shareRoot(shareId);
        for (String name : path.subList(0, path.size() - 1)) {
            NamedAttributes next = find(caller, directory, name);
            if (next == null || next.attributes().type() != FileType.DIRECTORY) {
                return null;
            }
            directory = next.attributes();
        }
        return directory;
    }

    /** The entry {@code name} of a directory, matched case-insensitively; null when there is none. */
    NamedAttributes find(Caller caller, Attributes directory, String name) {
        try {
            return metadata.entryIgnoringCase(caller, directory.handle(), name);
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The entry at a non-empty {@code path} when it still names the file of {@code handle}; FILE_DELETED when the
     * path leads nowhere or to another file (renamed or removed through another open, or another protocol).
     */
    Entry entryOf(Caller caller, long shareId, List<String> path, FileHandle handle) {
        if (path.isEmpty()) {
            throw new FsException(FsError.ACCESS, "the top of a share cannot be renamed or deleted");
        }
        Attributes directory = directoryOf(caller, shareId, path);
        NamedAttributes named = directory == null ? null : find(caller, directory, path.get(path.size() - 1));
        if (named == null || named.attributes().inodeId() != handle.inodeId()) {
            throw new FsException(FsError.STALE, "the open's path no longer names its file");
        }
        return new Entry(directory, named);
    }
}
