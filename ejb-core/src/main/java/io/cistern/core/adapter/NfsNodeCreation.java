package io.cistern.core.adapter;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NodeChange;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;

/**
 * CREATE, MKDIR, SYMLINK and MKNOD. The file system creates a node with a mode only; the rest of the client's
 * sattr3 is applied by a SETATTR right after, as knfsd does (nfsd_create_setattr). Like knfsd, a mode the client
 * left unset is 0 (clients always send one, except for EXCLUSIVE, where they follow with a SETATTR), and owner
 * and group are honoured only from root: anyone else would only be asking for their own ids, and a failing chown
 * must not fail a create that succeeded.
 */
final class NfsNodeCreation {
    /** knfsd's choice for an unset mode: nothing is granted that the client did not ask for. */
    static final int MODE_WHEN_UNSET = 0;

    private final MetadataService metadata;
    private final NfsCallers callers;

    NfsNodeCreation(MetadataService metadata, NfsCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    /**
     * UNCHECKED keeps an existing regular file and, as in knfsd, applies only the size to it (O_TRUNC). Whether
     * the file existed is learnt by trying GUARDED first: the file system's answer is then exact, and the second
     * attempt only happens in the rare race where the client's LOOKUP said the name was free.
     */
    NfsCreateReply create(NfsCaller who, byte[] directory, byte[] name, int how, NfsSetAttributes attributes,
                          long verifier) {
        NfsTarget dir = callers.resolve(who, directory);
        try {
            CreateMode mode = NfsTranslation.createMode(how);
            NfsSetAttributes requested = attributes == null || mode == CreateMode.EXCLUSIVE
                    ? NfsSetAttributes.NONE : attributes;
            int fileMode = modeOf(requested);
            if (mode != CreateMode.UNCHECKED) {
                NodeChange created = metadata.create(dir.caller(), dir.handle(), name, fileMode, mode, verifier);
                return reply(dir, created, remainingAfterCreate(requested, dir.caller().isRoot(), true));
            }
            try {
                NodeChange created = metadata.create(dir.caller(), dir.handle(), name, fileMode, CreateMode.GUARDED, 0);
                return reply(dir, created, remainingAfterCreate(requested, dir.caller().isRoot(), true));
            } catch (FsException e) {
                if (e.error() != FsError.EXISTS) {
                    throw e;
                }
            }
            NodeChange existing = metadata.create(dir.caller(), dir.handle(), name, fileMode, CreateMode.UNCHECKED, 0);
            return reply(dir, existing, sizeOnly(requested));
        } catch (FsException e) {
            return failure(NfsTranslation.status(e.error()), dir);
        }
    }

    NfsCreateReply mkdir(NfsCaller who, byte[] directory, byte[] name, NfsSetAttributes attributes) {
        NfsTarget dir = callers.resolve(who, directory);
        NfsSetAttributes requested = attributes == null ? NfsSetAttributes.NONE : attributes;
        try {
            NodeChange made = metadata.mkdir(dir.caller(), dir.handle(), name, modeOf(requested));
            return reply(dir, made, remainingAfterCreate(requested, dir.caller().isRoot(), false));
        } catch (FsException e) {
            return failure(NfsTranslation.status(e.error()), dir);
        }
    }

    NfsCreateReply symlink(NfsCaller who, byte[] directory, byte[] name, NfsSetAttributes attributes,
                           byte[] target) {
        NfsTarget dir = callers.resolve(who, directory);
        NfsSetAttributes requested = attributes == null ? NfsSetAttributes.NONE : attributes;
        try {
            if (target == null) {
                throw new FsException(FsError.INVALID, "a symbolic link needs a target");
            }
            NodeChange made = metadata.symlink(dir.caller(), dir.handle(), name, target, modeOf(requested));
            return reply(dir, made, remainingAfterCreate(requested, dir.caller().isRoot(), false));
        } catch (FsException e) {
            return failure(NfsTranslation.status(e.error()), dir);
        }
    }

    /** Regular files, directories and links have their own procedures: MKNOD of one is BADTYPE (RFC 1813). */
    NfsCreateReply mknod(NfsCaller who, byte[] directory, byte[] name, NfsFileType type,
                         NfsSetAttributes attributes, long rdev) {
        NfsTarget dir = callers.resolve(who, directory);
        if (!isSpecialFile(type)) {
            return failure(NfsStatus.BADTYPE, dir);
        }
        NfsSetAttributes requested = attributes == null ? NfsSetAttributes.NONE : attributes;
        try {
            NodeChange made = metadata.mknod(dir.caller(), dir.handle(), name, NfsTranslation.fileType(type),
                    modeOf(requested), rdev);
            return reply(dir, made, remainingAfterCreate(requested, dir.caller().isRoot(), false));
        } catch (FsException e) {
            return failure(NfsTranslation.status(e.error()), dir);
        }
    }

    static boolean isSpecialFile(NfsFileType type) {
        return type == NfsFileType.CHR || type == NfsFileType.BLK || type == NfsFileType.FIFO
                || type == NfsFileType.SOCK;
    }

    static int modeOf(NfsSetAttributes requested) {
        return requested.mode() == null ? MODE_WHEN_UNSET : requested.mode();
    }

    /**
     * What a SETATTR after the create still has to set. The mode is already in place (set at creation, where
     * the set-group-ID rules for new nodes apply); a size only means something for a regular file, and 0 is what
     * a new one has.
     */
    static AttributeChanges remainingAfterCreate(NfsSetAttributes requested, boolean callerIsRoot, boolean regular) {
        Integer uid = callerIsRoot ? requested.uid() : null;
        Integer gid = callerIsRoot ? requested.gid() : null;
        Long size = regular && requested.size() != null && requested.size() != 0 ? requested.size() : null;
        TimeChange atime = NfsTranslation.timeChange(requested.atime());
        TimeChange mtime = NfsTranslation.timeChange(requested.mtime());
        return new AttributeChanges(null, uid, gid, size, atime, mtime);
    }

    /** An existing file kept by UNCHECKED: only its truncation (or extension) is applied. */
    static AttributeChanges sizeOnly(NfsSetAttributes requested) {
        AttributeChanges none = AttributeChanges.none();
        return requested.size() == null ? none : none.withSize(requested.size());
    }

    private NfsCreateReply reply(NfsTarget dir, NodeChange change, AttributeChanges remaining) {
        Attributes node = change.node();
        if (!remaining.equals(AttributeChanges.none())) {
            node = metadata.setattr(dir.caller(), node.handle(), remaining, null);
        }
        return new NfsCreateReply(NfsStatus.OK, callers.encode(node.handle()), NfsTranslation.attributes(node),
                NfsTranslation.wcc(change.directory()));
    }

    private NfsCreateReply failure(NfsStatus status, NfsTarget dir) {
        return new NfsCreateReply(status, null, null, PostOpAttributes.wcc(metadata, dir.handle()));
    }
}
