package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.NamedAttributes;
import io.cistern.core.fs.PosixRules;
import io.cistern.core.metadata.MetadataService;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Renames and deletes. SMB names an open's file by handle, the file system by directory and name: each request
 * carries the path the adapter opened the file by, and is refused (FILE_DELETED) when that path no longer leads to
 * the handle's file.
 */
final class SmbNames {
    /** Only to see whether a directory is empty, which its mode must not hide from a user allowed to delete it. */
    private static final Caller EMPTINESS_PROBE = new Caller(Caller.ROOT, Caller.ROOT, Set.of());

    private final MetadataService metadata;
    private final SmbCallers callers;
    private final SmbPaths paths;

    SmbNames(MetadataService metadata, SmbCallers callers, SmbPaths paths) {
        this.metadata = metadata;
        this.callers = callers;
        this.paths = paths;
    }

    /**
     * A target that exists under another case is replaced under its own spelling: a second entry that differs only
     * in case would make the directory ambiguous to every SMB client.
     */
    SmbFileStatus rename(SmbCaller who, SmbUser user, long shareId, List<String> from, byte[] handle, List<String> to,
                         boolean replace) {
        SmbTarget file = callers.resolve(who, user, handle);
        SmbPaths.Entry source = paths.entryOf(file.caller(), shareId, from, file.handle());
        if (to.isEmpty()) {
            return SmbFileStatus.ACCESS_DENIED;
        }
        Attributes targetDirectory = paths.directoryOf(file.caller(), shareId, to);
        if (targetDirectory == null) {
            return SmbFileStatus.PATH_NOT_FOUND;
        }
        String newName = to.get(to.size() - 1);
        byte[] targetName = newName.getBytes(StandardCharsets.UTF_8);
        NamedAttributes existing = paths.find(file.caller(), targetDirectory, newName);
        if (existing != null && existing.attributes().inodeId() != source.attributes().inodeId()) {
            if (!replace) {
                return SmbFileStatus.EXISTS;
            }
            if (existing.attributes().type() == FileType.DIRECTORY) {
                return SmbFileStatus.ACCESS_DENIED;
            }
            targetName = existing.name();
        }
        metadata.rename(file.caller(), source.directory().handle(), source.named().name(), targetDirectory.handle(),
                targetName);
        return SmbFileStatus.OK;
    }

    SmbFileStatus checkDelete(SmbCaller who, SmbUser user, long shareId, List<String> path, byte[] handle) {
        SmbTarget file = callers.resolve(who, user, handle);
        SmbPaths.Entry entry = paths.entryOf(file.caller(), shareId, path, file.handle());
        int changeEntries = PosixRules.WRITE | PosixRules.EXECUTE;
        if (metadata.access(file.caller(), entry.directory().handle(), changeEntries) != changeEntries) {
            return SmbFileStatus.ACCESS_DENIED;
        }
        if (entry.attributes().type() == FileType.DIRECTORY
                && !metadata.readdir(EMPTINESS_PROBE, file.handle(), 0, 1).items().isEmpty()) {
            return SmbFileStatus.NOT_EMPTY;
        }
        return SmbFileStatus.OK;
    }

    SmbFileStatus delete(SmbCaller who, SmbUser user, long shareId, List<String> path, byte[] handle) {
        SmbTarget file = callers.resolve(who, user, handle);
        SmbPaths.Entry entry = paths.entryOf(file.caller(), shareId, path, file.handle());
        if (entry.attributes().type() == FileType.DIRECTORY) {
            metadata.rmdir(file.caller(), entry.directory().handle(), entry.named().name());
        } else {
            metadata.remove(file.caller(), entry.directory().handle(), entry.named().name());
        }
        return SmbFileStatus.OK;
    }
}
