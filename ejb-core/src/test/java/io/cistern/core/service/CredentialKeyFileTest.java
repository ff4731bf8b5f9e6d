package io.cistern.core.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialKeyFileTest {
    @TempDir
    Path directory;

    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewKeyFileHoldsThirtyTwoRandomBytesForItsOwnerOnly() throws IOException {
        Path file = directory.resolve("data").resolve(CredentialKeyFile.FILE_NAME);
        byte[] key = CredentialKeyFile.create(file, random);
        assertEquals(32, key.length);
        assertEquals(32L, Files.size(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(key, CredentialKeyFile.read(file), "read back as written");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temp file left beside it");
        }
    }

    @Test
    void twoKeysDiffer() throws IOException {
        byte[] first = CredentialKeyFile.create(directory.resolve("one.key"), random);
        byte[] second = CredentialKeyFile.create(directory.resolve("two.key"), random);
        assertFalse(java.util.Arrays.equals(first, second));
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws IOException {
        Path file = directory.resolve(CredentialKeyFile.FILE_NAME);
        byte[] key = CredentialKeyFile.create(file, random);
        assertThrows(FileAlreadyExistsException.class, () -> CredentialKeyFile.create(file, random));
        assertArrayEquals(key, CredentialKeyFile.read(file));
    }

    @Test
    void aMissingOrDamagedKeyFileIsAnError() throws IOException {
        Path file = directory.resolve(CredentialKeyFile.FILE_NAME);
        assertThrows(NoSuchFileException.class, () -> CredentialKeyFile.read(file));
        Files.write(file, new byte[31]);
        IOException damaged = assertThrows(IOException.class, () -> CredentialKeyFile.read(file));
        assertEquals(file + " holds 31 bytes, not a key of 32 (damaged or replaced)", damaged.getMessage());
    }
}
