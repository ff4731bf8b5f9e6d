package io.cistern.core.adapter;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.NamedAttributes;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.metadata.MetadataService;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbCreateAction;
import io.cistern.smb.spi.SmbDisposition;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbOpenReply;
import io.cistern.smb.spi.SmbOpenRequest;
import io.cistern.smb.spi.SmbOpenTarget;
import io.cistern.smb.spi.SmbUser;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CREATE's file-system half: find the name, then open, create, truncate or refuse as the disposition says. The
 * access an open wants is checked here, once, as open(2) checks it; later reads and writes on the open only check
 * what NFS checks (the owner may go on writing a file it made read-only while open).
 */
final class SmbOpening {
    /** The mode of a new file or directory: what Samba's default create and directory masks give. */
    static final int NEW_FILE_MODE = 0644;
    static final int NEW_DIRECTORY_MODE = 0755;
    private static final int NO_WRITE_BITS = ~0222;

    private final MetadataService metadata;
    private final SmbCallers callers;
    private final SmbPaths paths;

    SmbOpening(MetadataService metadata, SmbCallers callers, SmbPaths paths) {
        this.metadata = metadata;
        this.callers = callers;
        this.paths = paths;
    }

    SmbOpenReply open(SmbCaller who, SmbUser user, long shareId, List<String> path, SmbOpenRequest request) {
        Caller caller = callers.onShare(who, user, shareId);
        if (path.isEmpty()) {
            if (request.delete()) {
                return SmbOpenReply.failure(SmbFileStatus.ACCESS_DENIED);   // the top of a share stays
            }
            return openExisting(caller, null, metadata.shareRoot(shareId), request);
        }
        Attributes directory = paths.directoryOf(caller, shareId, path);
        if (directory == null) {
            return SmbOpenReply.failure(SmbFileStatus.PATH_NOT_FOUND);
        }
        String name = path.get(path.size() - 1);
        NamedAttributes existing = paths.find(caller, directory, name);
        if (existing != null) {
            return openExisting(caller, directory, existing.attributes(), request);
        }
        if (!request.disposition().creates()) {
            return SmbOpenReply.failure(SmbFileStatus.NOT_FOUND);
        }
        try {
            return created(create(caller, directory, name, request));
        } catch (FsException e) {
            if (e.error() != FsError.EXISTS || request.disposition() == SmbDisposition.CREATE) {
                throw e;
            }
            // made by someone else since the lookup: open it as the disposition says for an existing name
            NamedAttributes raced = paths.find(caller, directory, name);
            if (raced == null) {
                throw e;
            }
            return openExisting(caller, directory, raced.attributes(), request);
        }
    }

    private Attributes create(Caller caller, Attributes directory, String name, SmbOpenRequest request) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        boolean makeDirectory = request.target() == SmbOpenTarget.DIRECTORY;
        int mode = makeDirectory ? NEW_DIRECTORY_MODE : NEW_FILE_MODE;
        if (request.readOnly()) {
            mode &= NO_WRITE_BITS;
        }
        return makeDirectory
                ? metadata.mkdir(caller, directory.handle(), bytes, mode).node()
                : metadata.create(caller, directory.handle(), bytes, mode, CreateMode.GUARDED, 0).node();
    }

    private SmbOpenReply created(Attributes file) {
        return new SmbOpenReply(SmbFileStatus.OK, callers.encode(file.handle()), SmbTranslation.info(file),
                SmbCreateAction.CREATED);
    }

    /** {@code directory} is null for the top of the share. */
    private SmbOpenReply openExisting(Caller caller, Attributes directory, Attributes file, SmbOpenRequest request) {
        SmbDisposition disposition = request.disposition();
        if (disposition == SmbDisposition.CREATE) {
            return SmbOpenReply.failure(SmbFileStatus.EXISTS);
        }
        boolean isDirectory = file.type() == FileType.DIRECTORY;
        if (request.target() == SmbOpenTarget.DIRECTORY && !isDirectory) {
            return SmbOpenReply.failure(SmbFileStatus.NOT_A_DIRECTORY);
        }
        if (request.target() == SmbOpenTarget.FILE && isDirectory) {
            return SmbOpenReply.failure(SmbFileStatus.IS_A_DIRECTORY);
        }
        if (isDirectory && disposition.truncates()) {
            return SmbOpenReply.failure(SmbFileStatus.INVALID_PARAMETER);
        }
        int wanted = (request.read() ? PosixRules.READ : 0) | (request.write() ? PosixRules.WRITE : 0);
        if (metadata.access(caller, file.handle(), wanted) != wanted) {
            return SmbOpenReply.failure(SmbFileStatus.ACCESS_DENIED);
        }
        int changeEntries = PosixRules.WRITE | PosixRules.EXECUTE;
        if (request.delete() && metadata.access(caller, directory.handle(), changeEntries) != changeEntries) {
            return SmbOpenReply.failure(SmbFileStatus.ACCESS_DENIED);
        }
        Attributes opened = file;
        SmbCreateAction action = SmbCreateAction.OPENED;
        if (disposition.truncates()) {
            opened = metadata.setattr(caller, file.handle(), AttributeChanges.none().withSize(0), null);
            action = disposition == SmbDisposition.SUPERSEDE ? SmbCreateAction.SUPERSEDED : SmbCreateAction.OVERWRITTEN;
        }
        return new SmbOpenReply(SmbFileStatus.OK, callers.encode(opened.handle()), SmbTranslation.info(opened), action);
    }
}
