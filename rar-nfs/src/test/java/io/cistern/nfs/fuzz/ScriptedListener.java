package io.cistern.nfs.fuzz;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.spi.NfsWriteReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An application that answers every NFS and MOUNT call with a valid reply and never throws: success or a failure
 * status, chosen from the handle's first byte (odd: success) so that both the error and the full result encoders
 * run, and the same call always gets the same answer (the reply cache relies on it). MNT grants only the export's
 * path, as the real application grants only configured shares. Calls other tests do not expect (NLM) still fail
 * loudly through {@link UnsupportedNfsListener}.
 */
class ScriptedListener extends UnsupportedNfsListener {
    static final String EXPORT = "export";
    static final byte[] ROOT = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

    private static final long TIME = 1_700_000_000_123_456_789L;
    private static final NfsAttributes FILE = new NfsAttributes(NfsFileType.REG, 0644, 1, 1000, 100, 4096, 4096, 0,
            7, 42, TIME, TIME, TIME);
    private static final NfsAttributes DIRECTORY = new NfsAttributes(NfsFileType.DIR, 0755, 2, 1000, 100, 4096, 4096,
            0, 7, 2, TIME, TIME, TIME);
    private static final NfsWcc WCC = new NfsWcc(DIRECTORY.wcc(), DIRECTORY);

    private static boolean ok(byte[] handle) {
        return handle.length > 0 && (handle[0] & 1) == 1;
    }

    /** BADHANDLE for an empty handle (no application makes one), NOENT otherwise. */
    private static NfsStatus failure(byte[] handle) {
        return handle.length == 0 ? NfsStatus.BADHANDLE : NfsStatus.NOENT;
    }

    private static byte[] child(byte[] directory, byte[] name) {
        byte[] handle = Arrays.copyOf(directory, Math.min(directory.length, 56) + 8);
        handle[handle.length - 1] = (byte) (name.length | 1);
        return handle;
    }

    @Override
    public void ping(NfsCaller caller) {
    }

    @Override
    public NfsMountReply mount(NfsCaller caller, String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return start > 0 && path.substring(start, end).equals(EXPORT) ? new NfsMountReply(NfsStatus.OK, ROOT, List.of())
                : NfsMountReply.failure(NfsStatus.NOENT);
    }

    @Override
    public void unmount(NfsCaller caller, String path) {
    }

    @Override
    public List<NfsExport> exports(NfsCaller caller) {
        return List.of(new NfsExport("/" + EXPORT, List.of("*", "192.0.2.0/24")));
    }

    @Override
    public NfsAttrReply getattr(NfsCaller caller, byte[] handle) {
        return ok(handle) ? new NfsAttrReply(NfsStatus.OK, FILE) : NfsAttrReply.failure(failure(handle));
    }

    @Override
    public NfsWccReply setattr(NfsCaller caller, byte[] handle, NfsSetAttributes changes, Long guard) {
        return ok(handle) ? new NfsWccReply(NfsStatus.OK, new NfsWcc(FILE.wcc(), FILE))
                : NfsWccReply.failure(failure(handle));
    }

    @Override
    public NfsLookupReply lookup(NfsCaller caller, byte[] directory, byte[] name) {
        if (name.length > 255) {
            return NfsLookupReply.failure(NfsStatus.NAMETOOLONG);
        }
        return ok(directory) ? new NfsLookupReply(NfsStatus.OK, child(directory, name), FILE, DIRECTORY)
                : NfsLookupReply.failure(failure(directory));
    }

    @Override
    public NfsAccessReply access(NfsCaller caller, byte[] handle, int wanted) {
        return ok(handle) ? new NfsAccessReply(NfsStatus.OK, FILE, wanted & 0x3f) : NfsAccessReply.failure(failure(handle));
    }

    @Override
    public NfsReadlinkReply readlink(NfsCaller caller, byte[] handle) {
        return ok(handle) ? new NfsReadlinkReply(NfsStatus.OK, FILE, "../target".getBytes(StandardCharsets.UTF_8))
                : NfsReadlinkReply.failure(failure(handle));
    }

    @Override
    public NfsReadReply read(NfsCaller caller, byte[] handle, long offset, int count) {
        return ok(handle) ? new NfsReadReply(NfsStatus.OK, FILE, new byte[Math.min(count, 100)], count <= 100)
                : NfsReadReply.failure(failure(handle));
    }

    @Override
    public NfsWriteReply write(NfsCaller caller, byte[] handle, long offset, ByteBuffer data, int stable) {
        return ok(handle) ? new NfsWriteReply(NfsStatus.OK, new NfsWcc(FILE.wcc(), FILE), data.remaining(), 2, 99L)
                : NfsWriteReply.failure(failure(handle));
    }

    @Override
    public NfsCreateReply create(NfsCaller caller, byte[] directory, byte[] name, int how, NfsSetAttributes attributes,
                                 long verifier) {
        return created(directory, name);
    }

    @Override
    public NfsCreateReply mkdir(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes) {
        return created(directory, name);
    }

    @Override
    public NfsCreateReply symlink(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes,
                                  byte[] target) {
        return created(directory, name);
    }

    @Override
    public NfsCreateReply mknod(NfsCaller caller, byte[] directory, byte[] name, NfsFileType type,
                                NfsSetAttributes attributes, long rdev) {
        return created(directory, name);
    }

    private static NfsCreateReply created(byte[] directory, byte[] name) {
        if (name.length > 255) {
            return NfsCreateReply.failure(NfsStatus.NAMETOOLONG);
        }
        return ok(directory) ? new NfsCreateReply(NfsStatus.OK, child(directory, name), FILE, WCC)
                : NfsCreateReply.failure(failure(directory));
    }

    @Override
    public NfsWccReply remove(NfsCaller caller, byte[] directory, byte[] name) {
        return ok(directory) ? new NfsWccReply(NfsStatus.OK, WCC) : NfsWccReply.failure(failure(directory));
    }

    @Override
    public NfsWccReply rmdir(NfsCaller caller, byte[] directory, byte[] name) {
        return ok(directory) ? new NfsWccReply(NfsStatus.OK, WCC) : NfsWccReply.failure(NfsStatus.NOTEMPTY);
    }

    @Override
    public NfsRenameReply rename(NfsCaller caller, byte[] fromDirectory, byte[] fromName, byte[] toDirectory,
                                 byte[] toName) {
        return ok(fromDirectory) && ok(toDirectory) ? new NfsRenameReply(NfsStatus.OK, WCC, WCC)
                : NfsRenameReply.failure(NfsStatus.XDEV);
    }

    @Override
    public NfsLinkReply link(NfsCaller caller, byte[] file, byte[] directory, byte[] name) {
        return ok(file) ? new NfsLinkReply(NfsStatus.OK, FILE, WCC) : NfsLinkReply.failure(failure(file));
    }

    @Override
    public NfsDirectoryReply readdir(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier,
                                     int maxEntries, boolean plus) {
        if (!ok(directory)) {
            return NfsDirectoryReply.failure(cookie == 0 ? failure(directory) : NfsStatus.BAD_COOKIE);
        }
        List<NfsDirEntry> entries = new ArrayList<>();
        for (int i = 0; i < Math.min(maxEntries, 3); i++) {
            byte[] name = (i == 0 ? "." : "entry-" + i).getBytes(StandardCharsets.UTF_8);
            entries.add(new NfsDirEntry(100 + i, name, cookie + i + 1, plus ? FILE : null,
                    plus ? child(directory, name) : null));
        }
        return new NfsDirectoryReply(NfsStatus.OK, DIRECTORY, 77L, entries, maxEntries > 3);
    }

    @Override
    public NfsFsStatReply fsstat(NfsCaller caller, byte[] handle) {
        return ok(handle) ? new NfsFsStatReply(NfsStatus.OK, DIRECTORY, 1L << 40, 1L << 39, 1L << 38, 1_000_000, 500_000,
                400_000, 0) : NfsFsStatReply.failure(failure(handle));
    }

    @Override
    public NfsFsInfoReply fsinfo(NfsCaller caller, byte[] handle) {
        return ok(handle) ? new NfsFsInfoReply(NfsStatus.OK, DIRECTORY, Long.MAX_VALUE, 1,
                NfsFsInfoReply.FSF3_SYMLINK | NfsFsInfoReply.FSF3_HOMOGENEOUS | NfsFsInfoReply.FSF3_CANSETTIME)
                : NfsFsInfoReply.failure(failure(handle));
    }

    @Override
    public NfsPathconfReply pathconf(NfsCaller caller, byte[] handle) {
        return ok(handle) ? new NfsPathconfReply(NfsStatus.OK, DIRECTORY, 1, 255, true, true, false, true)
                : NfsPathconfReply.failure(failure(handle));
    }

    @Override
    public NfsCommitReply commit(NfsCaller caller, byte[] handle, long offset, int count) {
        return ok(handle) ? new NfsCommitReply(NfsStatus.OK, new NfsWcc(FILE.wcc(), FILE), 99L)
                : NfsCommitReply.failure(failure(handle));
    }
}
