package io.cistern.nfs.nfs3;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsTimeSet;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccBefore;
import java.nio.charset.StandardCharsets;

/**
 * Values for NFSv3 tests, each field distinct from the others so that a codec that swaps two fields fails. Times
 * have nanoseconds, since nfstime3 carries them and a codec that drops them must fail too.
 */
public final class Nfs3Samples {
    public static final byte[] DIRECTORY = handle(0x10, 16);
    public static final byte[] OTHER_DIRECTORY = handle(0x30, 8);
    public static final byte[] FILE = handle(0x20, 13);
    public static final long CTIME = 1_700_000_000_123_456_789L;

    public static final NfsAttributes DIRECTORY_ATTRIBUTES = new NfsAttributes(NfsFileType.DIR, 0755, 3, 1000, 100,
            4096, 8192, 0, 7, 2, 1_700_000_001_000_000_001L, 1_700_000_002_000_000_002L, CTIME);
    public static final NfsAttributes FILE_ATTRIBUTES = new NfsAttributes(NfsFileType.REG, 0640, 1, 1001, 101,
            123_456_789_012L, 123_456_790_528L, 0, 7, 42, 1_600_000_000_999_999_999L, 1_600_000_001_500_000_000L,
            1_600_000_002_700_000_007L);
    public static final NfsSetAttributes EVERY_CHANGE = new NfsSetAttributes(04750, 1002, 102, 77L,
            NfsTimeSet.client(1_650_000_000_000_000_123L), NfsTimeSet.SERVER_TIME);
    public static final NfsSetAttributes MODE_ONLY = new NfsSetAttributes(0600, null, null, null, null, null);

    private Nfs3Samples() {
    }

    public static byte[] handle(int first, int length) {
        byte[] handle = new byte[length];
        for (int i = 0; i < length; i++) {
            handle[i] = (byte) (first + i);
        }
        return handle;
    }

    public static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** Weak cache consistency data with both parts, the after part being {@code after}. */
    public static NfsWcc wcc(NfsAttributes after) {
        return new NfsWcc(new NfsWccBefore(after.size() - 1, after.mtimeNanos() - 5, after.ctimeNanos() - 7), after);
    }

    /** An entry as READDIRPLUS gets it: with attributes and a handle derived from its file id. */
    public static NfsDirEntry entry(long fileId, String name, long cookie) {
        NfsAttributes attributes = new NfsAttributes(NfsFileType.REG, 0644, 1, 1000, 100, fileId * 10, 4096, 0, 7,
                fileId, CTIME, CTIME, CTIME);
        return new NfsDirEntry(fileId, name(name), cookie, attributes, handle((int) fileId, 12));
    }

    /** The same entry as READDIR returns it: name and cookie only. */
    public static NfsDirEntry withoutPlus(NfsDirEntry entry) {
        return new NfsDirEntry(entry.fileId(), entry.name(), entry.cookie(), null, null);
    }
}
