package io.cistern.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@link StartSetting}s an administrator changed, kept in {@code <data>/start-settings.properties} rather than in
 * the database: the launcher reads them before it starts PostgreSQL (or connects to an external one), since the ports,
 * the JVM's options and the cache's size decide how it starts everything; and {@code cistern settings reset} removes
 * one while no server runs. The launcher hands the ones it applied to the application as
 * {@value #APPLIED_VARIABLE} ({@code NAME=value} lines), so that the application reads them as the values in effect and
 * tells them from the ones changed since, which wait for the next start.
 */
public final class StartOverrides {
    /** The file's name in the data directory; the launcher's StartOverridesFile names the same. */
    public static final String FILE_NAME = "start-settings.properties";
    /** Set by the launcher, empty when it applied none; absent when the server was not started by the launcher. */
    public static final String APPLIED_VARIABLE = "CISTERN_START_OVERRIDES";
    private static final String HEADER = "Settings read at start, changed through the admin API (PATCH /api/v1/settings)."
            + "\nThe launcher applies them over the environment; remove one with: cistern settings reset NAME";

    private static volatile Map<String, String> applied;

    private StartOverrides() {
    }

    /** The overrides the launcher applied at this start, by environment name. */
    static Map<String, String> applied() {
        Map<String, String> known = applied;
        if (known == null) {
            known = parseApplied(System.getenv(APPLIED_VARIABLE));
            applied = known;
        }
        return known;
    }

    /** Whether the launcher started this server, and so applies start-only overrides at the next start. */
    static boolean startedByLauncher() {
        return System.getenv(APPLIED_VARIABLE) != null;
    }

    /** {@code NAME=value} lines; a value may hold '=' and spaces (JVM options), never a line break. */
    static Map<String, String> parseApplied(String lines) {
        Map<String, String> parsed = new TreeMap<>();
        if (lines == null) {
            return Map.of();
        }
        for (String line : lines.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                parsed.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return Map.copyOf(parsed);
    }

    static Path file() {
        return CisternSettings.dataDirectory().resolve(FILE_NAME);
    }

    /** The stored overrides, by environment name; none when there is no file. */
    static Map<String, String> stored(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> stored = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> stored.put(name, properties.getProperty(name)));
        return stored;
    }

    /**
     * Replaces the file with {@code overrides} (mode 0600, written beside it and moved over it, so that a launcher
     * never reads half a file); with none, the file is deleted.
     */
    static void store(Path file, Map<String, String> overrides) {
        try {
            if (overrides.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Properties properties = new Properties();
            properties.putAll(overrides);
            StringWriter text = new StringWriter();
            properties.store(text, HEADER);
            Path next = file.resolveSibling(FILE_NAME + ".next");
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, text.toString(), StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
