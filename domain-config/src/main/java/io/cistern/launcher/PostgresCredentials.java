package io.cistern.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The generated password of the embedded cluster's superuser, kept in {@code <data>/pg-credentials} (mode
 * 0600). The file holds the password alone on its first line, which is exactly what {@code initdb --pwfile}
 * reads, so the same file seeds the cluster at its creation.
 */
final class PostgresCredentials {
    static final String SUPERUSER = "postgres";

    private PostgresCredentials() {
    }

    /**
     * Reads the password, or generates and stores one when there is no cluster yet. A cluster without the
     * file cannot be opened (its host lines require the password), so that is a clear error.
     */
    static Secret loadOrCreate(Path file, boolean clusterExists) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            if (clusterExists) {
                throw new LauncherException("the embedded PostgreSQL cluster in " + file.resolveSibling("pg")
                        + " has no password file " + file + "; restore that file, or move the cluster away to start"
                        + " with an empty database");
            }
            Secret generated = generate();
            PrivateFiles.write(file, generated.reveal() + "\n");
            return generated;
        } catch (IOException e) {
            throw new LauncherException("cannot use the PostgreSQL password file " + file + ": " + DataDirectory.reason(e));
        }
    }

    private static Secret read(Path file) throws IOException {
        String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            throw new LauncherException("the PostgreSQL password file " + file + " is empty");
        }
        return Secret.of(firstLine);
    }

    /** 32 random bytes, base64url: no characters that need quoting in a URL, a shell or an asadmin file. */
    static Secret generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
