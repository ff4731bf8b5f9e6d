package io.cistern.web.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The key that signs access tokens: {@value #KEY_BYTES} random bytes in the data directory, created once, owner-only
 * (0600). Unlike the credential key, losing it costs nothing lasting: a new one is made and everyone logs in again.
 */
final class SigningKeyFile {
    static final String FILE_NAME = "admin-token.key";
    static final int KEY_BYTES = 32;

    private SigningKeyFile() {
    }

    /** The key in {@code file}, created first when there is none. */
    static byte[] readOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file, random);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: read theirs
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IOException(file + " holds " + key.length + " bytes, not a key of " + KEY_BYTES
                    + ": delete it and a new one is made (everyone logs in again)");
        }
        return key;
    }

    /** Written to an owner-only temp file, forced, and renamed into place: never readable by others, never partial. */
    private static void create(Path file, SecureRandom random) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path temp = Files.createTempFile(directory, "." + FILE_NAME + ".", ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(key);
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(temp);
        }
    }
}
