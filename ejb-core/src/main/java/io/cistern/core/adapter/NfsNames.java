package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.fs.Renamed;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccReply;
import java.util.Arrays;

/**
 * LOOKUP, REMOVE, RMDIR, RENAME and LINK: the procedures about names in directories. Their error replies carry
 * the directory's attributes when the caller may see them, so that a client keeps its cache of the directory.
 */
final class NfsNames {
    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    private final MetadataService metadata;
    private final NfsCallers callers;

    NfsNames(MetadataService metadata, NfsCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    /**
     * Clients send "." and ".." as names (Linux for "cd ..", getcwd, and to find a mount's parent); the file
     * system stores neither, so they are resolved here, with the search permission any lookup needs.
     */
    NfsLookupReply lookup(NfsCaller who, byte[] directory, byte[] name) {
        NfsTarget dir = callers.resolve(who, directory);
        try {
            Attributes found;
            if (Arrays.equals(name, DOT)) {
                found = searchable(dir);
            } else if (Arrays.equals(name, DOT_DOT)) {
                found = metadata.parent(dir.caller(), dir.handle());
            } else {
                found = metadata.lookup(dir.caller(), dir.handle(), name);
            }
            return new NfsLookupReply(NfsStatus.OK, callers.encode(found.handle()), NfsTranslation.attributes(found),
                    PostOpAttributes.of(metadata, dir.handle()));
        } catch (FsException e) {
            return new NfsLookupReply(NfsTranslation.status(e.error()), null, null,
                    PostOpAttributes.of(metadata, dir.handle()));
        }
    }

    NfsWccReply remove(NfsCaller who, byte[] directory, byte[] name) {
        NfsTarget dir = callers.resolve(who, directory);
        try {
            return new NfsWccReply(NfsStatus.OK,
                    NfsTranslation.wcc(metadata.remove(dir.caller(), dir.handle(), name)));
        } catch (FsException e) {
            return new NfsWccReply(NfsTranslation.status(e.error()), PostOpAttributes.wcc(metadata, dir.handle()));
        }
    }

    NfsWccReply rmdir(NfsCaller who, byte[] directory, byte[] name) {
        NfsTarget dir = callers.resolve(who, directory);
        try {
            return new NfsWccReply(NfsStatus.OK,
                    NfsTranslation.wcc(metadata.rmdir(dir.caller(), dir.handle(), name)));
        } catch (FsException e) {
            return new NfsWccReply(NfsTranslation.status(e.error()), PostOpAttributes.wcc(metadata, dir.handle()));
        }
    }

    /** The identity is the source directory's; a target in another share is refused as CROSS_DEVICE anyway. */
    NfsRenameReply rename(NfsCaller who, byte[] fromDirectory, byte[] fromName, byte[] toDirectory, byte[] toName) {
        NfsTarget from = callers.resolve(who, fromDirectory);
        FileHandle to = callers.decode(toDirectory);
        try {
            Renamed renamed = metadata.rename(from.caller(), from.handle(), fromName, to, toName);
            return new NfsRenameReply(NfsStatus.OK, NfsTranslation.wcc(renamed.from()),
                    NfsTranslation.wcc(renamed.to()));
        } catch (FsException e) {
            return new NfsRenameReply(NfsTranslation.status(e.error()), PostOpAttributes.wcc(metadata, from.handle()),
                    sameShare(from.handle(), to) ? PostOpAttributes.wcc(metadata, to) : NfsWcc.NONE);
        }
    }

    NfsLinkReply link(NfsCaller who, byte[] file, byte[] directory, byte[] name) {
        NfsTarget target = callers.resolve(who, file);
        FileHandle dir = callers.decode(directory);
        try {
            NodeChange linked = metadata.link(target.caller(), target.handle(), dir, name);
            return new NfsLinkReply(NfsStatus.OK, NfsTranslation.attributes(linked.node()),
                    NfsTranslation.wcc(linked.directory()));
        } catch (FsException e) {
            return new NfsLinkReply(NfsTranslation.status(e.error()), PostOpAttributes.of(metadata, target.handle()),
                    sameShare(target.handle(), dir) ? PostOpAttributes.wcc(metadata, dir) : NfsWcc.NONE);
        }
    }

    /** "." is the directory itself, once the caller may search it (as knfsd's fh_verify with MAY_EXEC). */
    private Attributes searchable(NfsTarget dir) {
        Attributes directory = metadata.getattr(dir.handle());
        if (directory.type() != FileType.DIRECTORY) {
            throw new FsException(FsError.NOT_DIRECTORY, "not a directory");
        }
        if (metadata.access(dir.caller(), dir.handle(), PosixRules.EXECUTE) == 0) {
            throw new FsException(FsError.ACCESS, "search this directory: execute permission denied");
        }
        return directory;
    }

    /** Attributes of a second handle only go to a caller that was allowed on its share, which is the first's. */
    private static boolean sameShare(FileHandle allowed, FileHandle other) {
        return allowed.shareId() == other.shareId();
    }
}
