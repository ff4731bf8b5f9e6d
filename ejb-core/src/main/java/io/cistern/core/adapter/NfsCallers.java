package io.cistern.core.adapter;

import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileHandles;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * Who an NFS request runs as. Every handle is checked (its MAC) before anything else, and the identity is
 * taken from the handle's share, so that a client outside a share's allowed networks is refused on every call,
 * not only at MOUNT: a client can keep a handle after the administrator narrows the networks, or guess none
 * but learn one elsewhere.
 */
final class NfsCallers {
    private final MetadataService metadata;
    private final KnownFileHandles handles;

    NfsCallers(MetadataService metadata, Supplier<FileHandles> handles) {
        this.metadata = metadata;
        this.handles = new KnownFileHandles(handles);
    }

    /** The handle and the caller's identity on it; BAD_HANDLE, STALE or ACCESS (a network not allowed). */
    NfsTarget resolve(NfsCaller caller, byte[] handle) {
        return resolve(caller, decode(handle));
    }

    NfsTarget resolve(NfsCaller caller, FileHandle handle) {
        InetAddress client = caller.client() == null ? null : caller.client().getAddress();
        if (client == null) {
            // without an address no network rule can be checked, and allowing it would bypass them all
            throw new FsException(FsError.ACCESS, "the client's address is unknown");
        }
        return new NfsTarget(handle, metadata.nfsCaller(handle, caller.uid(), caller.gid(), caller.groups(), client));
    }

    /** A second handle of a request (RENAME's target directory, LINK's directory): the caller is the first's. */
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
