package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MOUNT v3: each share is exported as "/name", with its top directory as the root. A path below it mounts that
 * directory, as Linux's mountd allows for any directory under an export (and libnfs always mounts the directory
 * part of a URL); the walk down runs as the caller, so it needs search permission on every directory on the way.
 */
final class NfsMounts {
    /** AUTH_SYS first: clients take the first flavor they support, and AUTH_NONE would make them nobody. */
    static final List<Integer> AUTH_FLAVORS = List.of(1, 0);

    private final MetadataService metadata;
    private final NfsCallers callers;

    NfsMounts(MetadataService metadata, NfsCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    /**
     * NOENT for a path outside every share or a missing directory, NOTDIR for a file on the way, ACCES for a client
     * outside the share's allowed networks or without search permission.
     */
    NfsMountReply mount(NfsCaller caller, String path) {
        List<String> parts = pathParts(path);
        if (parts.isEmpty()) {
            throw new FsException(FsError.NOT_FOUND, "not an exported path: " + path);
        }
        FileHandle root = metadata.root(parts.get(0));
        // the same check every later call makes: refuse here, where the client reports it as a mount error
        NfsTarget top = callers.resolve(caller, root);
        FileHandle directory = root;
        for (String name : parts.subList(1, parts.size())) {
            Attributes next = metadata.lookup(top.caller(), directory, name.getBytes(StandardCharsets.UTF_8));
            if (next.type() != FileType.DIRECTORY) {
                throw new FsException(FsError.NOT_DIRECTORY, "not a directory: " + name);
            }
            directory = next.handle();
        }
        return new NfsMountReply(NfsStatus.OK, callers.encode(directory), AUTH_FLAVORS);
    }

    /** The names of a MOUNT path: the share first; slashes at either end and doubled ones are ignored. */
    static List<String> pathParts(String path) {
        List<String> parts = new ArrayList<>();
        if (path != null) {
            for (String part : path.split("/")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    /**
     * mountstat3 has only some of nfsstat3's values; a file-system status outside them is mapped to the nearest
     * (a share that vanished while being mounted is not found) or to SERVERFAULT, never sent as a number the
     * client's MOUNT cannot read.
     */
    static NfsStatus mountStatus(NfsStatus status) {
        return switch (status) {
            case OK, PERM, NOENT, IO, ACCES, NOTDIR, INVAL, NAMETOOLONG, NOTSUPP, SERVERFAULT -> status;
            case STALE, BADHANDLE -> NfsStatus.NOENT;
            default -> NfsStatus.SERVERFAULT;
        };
    }

    List<NfsExport> exports() {
        List<NfsExport> exports = new ArrayList<>();
        for (Map.Entry<String, List<String>> share : metadata.nfsExports().entrySet()) {
            exports.add(new NfsExport(exportPath(share.getKey()), share.getValue()));
        }
        return exports;
    }

    static String exportPath(String shareName) {
        return "/" + shareName;
    }

    /**
     * The share a MOUNT path names, or null. Clients send the path as the user typed it ("server:/data/" and
     * "server:data" both occur), so slashes around the name are ignored; one inside means a subdirectory.
     */
    static String shareName(String path) {
        if (path == null) {
            return null;
        }
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        String name = path.substring(start, end);
        return name.isEmpty() || name.indexOf('/') >= 0 ? null : name;
    }
}
