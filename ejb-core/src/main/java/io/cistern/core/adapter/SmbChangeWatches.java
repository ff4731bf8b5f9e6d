package io.cistern.core.adapter;

import io.cistern.core.fs.FileType;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.watch.DirectoryWatches;
import io.cistern.core.watch.EntryChange;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbChange;
import io.cistern.smb.spi.SmbChangeSink;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbUser;
import java.util.List;

/**
 * SMB's CHANGE_NOTIFY watches in the {@link DirectoryWatches} hub: the adapter's sink is the watch's key, and each
 * committed change is translated into the adapter's {@link SmbChange} on its way there.
 */
final class SmbChangeWatches {
    private final MetadataService metadata;
    private final SmbCallers callers;

    SmbChangeWatches(MetadataService metadata, SmbCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    SmbFileStatus watch(SmbCaller who, SmbUser user, byte[] handle, boolean subtree, SmbChangeSink sink) {
        SmbTarget directory = callers.resolve(who, user, handle);
        if (metadata.getattr(directory.handle()).type() != FileType.DIRECTORY) {
            return SmbFileStatus.NOT_A_DIRECTORY;
        }
        DirectoryWatches.hub().watch(sink, directory.handle().shareId(), directory.handle().inodeId(), subtree,
                changes -> sink.changed(changes.stream().map(SmbChangeWatches::smbChange).toList()));
        return SmbFileStatus.OK;
    }

    void unwatch(SmbChangeSink sink) {
        DirectoryWatches.hub().unwatch(sink);
    }

    static SmbChange smbChange(EntryChange change) {
        SmbChange.Action action = switch (change.kind()) {
            case ADDED -> SmbChange.Action.ADDED;
            case REMOVED -> SmbChange.Action.REMOVED;
            case MODIFIED -> SmbChange.Action.MODIFIED;
            case RENAMED_OLD_NAME -> SmbChange.Action.RENAMED_OLD_NAME;
            case RENAMED_NEW_NAME -> SmbChange.Action.RENAMED_NEW_NAME;
        };
        // the aspect bits are FILE_NOTIFY_CHANGE_*'s numbers on both sides (ChangeAspects, SmbChange)
        return new SmbChange(action, List.copyOf(change.path()), change.aspects());
    }
}
