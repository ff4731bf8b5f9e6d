package io.cistern.launcher;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data directory and the launcher's places in it:
 * <pre>
 * cistern.lock             held while a launcher runs on this directory
 * pg/                      embedded PostgreSQL cluster (kept across runs)
 * pg-credentials           generated password of the embedded cluster's superuser (0600)
 * logs/                    server.log (Payara), postgres.log, launcher.log
 * run/                     generated per run (0700): command files, Payara's root directory, PostgreSQL binaries
 * initial-admin-password   written once by the application, shown and deleted by the launcher
 * </pre>
 */
final class DataDirectory {
    final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the directory if needed and proves it is writable by creating and deleting a file (a
     * permission check alone would be wrong for root, who may write anywhere except on a read-only mount).
     */
    static DataDirectory prepare(Path root) {
        try {
            if (!Files.exists(root)) {
                // a new data directory will hold users' files and the database: the owner's alone (0700)
                PrivateFiles.directory(root);
            }
        } catch (IOException e) {
            throw new LauncherException("cannot create data directory " + root + ": " + reason(e));
        }
        if (!Files.isDirectory(root)) {
            throw new LauncherException("data directory " + root + " is not a directory");
        }
        try {
            Path probe = Files.createTempFile(root, ".write-test", ".tmp");
            Files.delete(probe);
            Files.createDirectories(root.resolve("logs"));
            PrivateFiles.directory(root.resolve("run"));
        } catch (IOException e) {
            throw new LauncherException("data directory " + root + " is not writable: " + reason(e));
        }
        return new DataDirectory(root);
    }

    Path lockFile() {
        return root.resolve("cistern.lock");
    }

    Path postgresCluster() {
        return root.resolve("pg");
    }

    Path postgresCredentials() {
        return root.resolve("pg-credentials");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path serverLog() {
        return logs().resolve("server.log");
    }

    Path run() {
        return root.resolve("run");
    }

    Path payaraRoot() {
        return run().resolve("payara");
    }

    Path payaraPidFile() {
        return run().resolve("payara.pid");
    }

    Path postgresBinaries() {
        return run().resolve("postgres-binaries");
    }

    Path initialAdminPassword() {
        return root.resolve("initial-admin-password");
    }

    /** The operating system's words for an I/O failure, e.g. "Not a directory", without Java class names. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
