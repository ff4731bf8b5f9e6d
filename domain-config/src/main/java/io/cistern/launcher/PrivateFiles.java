package io.cistern.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the owner may read: generated configuration, credentials, the Payara runtime
 * directory. Permissions are set at creation, so there is no moment where another local user could open
 * the file.
 */
final class PrivateFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Writes {@code content} to a new file with mode 0600, replacing any file that was there. */
    static void write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, asAttribute(OWNER_FILE));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Creates the directory (and missing parents) with mode 0700; an existing one is set to 0700. */
    static Path directory(Path dir) throws IOException {
        try {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            Files.createDirectory(dir, asAttribute(OWNER_DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
        return dir;
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
