package io.cistern.core.adapter;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileHandles;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbUser;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who an SMB file request runs as, and the handles the adapter keeps for its opens. The handles are the same
 * MAC-protected ones NFS hands out: the adapter never shows them to a client, but a handle that fails its MAC
 * still means nothing here.
 */
final class SmbCallers {
    private final MetadataService metadata;
    private final KnownFileHandles handles;

    SmbCallers(MetadataService metadata, Supplier<FileHandles> handles) {
        this.metadata = metadata;
        this.handles = new KnownFileHandles(handles);
    }

    /** The user on a share, once the share exists and admits the client's address. */
    Caller onShare(SmbCaller caller, SmbUser user, long shareId) {
        InetAddress client = caller.client() == null ? null : caller.client().getAddress();
        List<Integer> groups = Arrays.stream(user.groups()).boxed().toList();
        return metadata.smbCaller(shareId, user.uid(), user.gid(), groups, client);
    }

    SmbTarget resolve(SmbCaller caller, SmbUser user, byte[] handle) {
        if (handle == null) {
            throw new FsException(FsError.BAD_HANDLE, "no file handle");
        }
        FileHandle file = handles.decode(handle);
        return new SmbTarget(file, onShare(caller, user, file.shareId()));
    }

    /** A handle without a caller: for releasing what an open holds, which needs no permission. */
    FileHandle decode(byte[] handle) {
        if (handle == null) {
            throw new FsException(FsError.BAD_HANDLE, "no file handle");
        }
        return handles.decode(handle);
    }

    byte[] encode(FileHandle handle) {
        return handles.encode(handle);
    }
}
