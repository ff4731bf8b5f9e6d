package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path scratch;

    @Test
    void aDirectoryUnderARegularFileCannotBeCreated() throws IOException {
        // the tests may run as root, whom file modes do not stop; a regular file as parent stops everyone
        Path regularFile = Files.createFile(scratch.resolve("not-a-directory"));
        Path data = regularFile.resolve("data");
        LauncherException e = assertThrows(LauncherException.class, () -> DataDirectory.prepare(data));
        assertTrue(e.getMessage().startsWith("cannot create data directory " + data + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory") || e.getMessage().contains("Not a directory"), e.getMessage());
    }

    @Test
    void aRegularFileIsNoDataDirectory() throws IOException {
        Path regularFile = Files.createFile(scratch.resolve("data"));
        LauncherException e = assertThrows(LauncherException.class, () -> DataDirectory.prepare(regularFile));
        assertEquals("data directory " + regularFile + " is not a directory", e.getMessage());
    }

    @Test
    void aNewDataDirectoryIsPrivateAndGetsItsSubdirectories() throws IOException {
        Path root = scratch.resolve("new/data");
        DataDirectory data = DataDirectory.prepare(root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertTrue(Files.isDirectory(data.logs()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.run())));
        try (var entries = Files.list(root)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(".write-test")), "probe removed");
        }
    }

    @Test
    void anExistingDataDirectoryKeepsItsMode() throws IOException {
        Path root = Files.createDirectory(scratch.resolve("data"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-x---"));
        DataDirectory.prepare(root);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }
}
