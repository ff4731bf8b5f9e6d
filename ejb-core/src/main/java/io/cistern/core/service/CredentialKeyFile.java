package io.cistern.core.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * The file that holds the key sealing NT hashes: exactly {@link CredentialSealer#KEY_BYTES} random bytes, readable by
 * the server's user alone (0600 where the file system has POSIX permissions). It lives in the data directory and never
 * in the database, so that a dump of the database alone reveals no NT hash; for the same reason it must be backed up
 * with the database, or every sealed NT hash is lost (users then have to set their passwords again).
 */
final class CredentialKeyFile {
    static final String FILE_NAME = "credentials.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private CredentialKeyFile() {
    }

    /** The key in {@code file}; a {@link java.nio.file.NoSuchFileException} when there is none. */
    static byte[] read(Path file) throws IOException {
        byte[] key = Files.readAllBytes(file);
        if (key.length != CredentialSealer.KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IOException(file + " holds " + key.length + " bytes, not a key of " + CredentialSealer.KEY_BYTES
                    + " (damaged or replaced)");
        }
        return key;
    }

    /**
     * Writes a new random key to {@code file} and returns it. The key is written to a temp file beside it (created
     * owner-only, so the key is never readable by others even for a moment), forced to disk, renamed into place and
     * the directory forced: after a crash the key file is either absent or complete. An existing key file is never
     * replaced ({@link FileAlreadyExistsException}): it may be the only thing that opens the stored NT hashes.
     */
    static byte[] create(Path file, SecureRandom random) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        byte[] key = new byte[CredentialSealer.KEY_BYTES];
        random.nextBytes(key);
        Path temp = Files.createTempFile(directory, "." + FILE_NAME + ".", ".tmp", ownerOnly(directory));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(key);
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            return key;
        } catch (IOException | RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    /** Makes the rename durable: fsync on the directory itself (opened for reading, as Linux allows). */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
