package io.cistern.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The start-only settings an admin changed through the API ({@code PATCH /api/v1/settings}), which the application
 * keeps in {@code <data>/start-settings.properties} (its StartOverrides writes the same format): read here before
 * anything starts, since the ports, the JVM's options and the cache's size decide how everything starts, and applied
 * over the environment. An entry for a setting that cannot be overridden (an edited file) is ignored, with a line
 * saying so. {@code cistern settings reset} removes entries while no server runs.
 */
final class StartOverridesFile {
    static final String FILE_NAME = "start-settings.properties";
    /** The application's environment variable naming the overrides applied ({@code NAME=value} lines). */
    static final String APPLIED_VARIABLE = "CISTERN_START_OVERRIDES";

    private final Path file;
    private final Map<String, String> applied;
    private final List<String> ignored;

    private StartOverridesFile(Path file, Map<String, String> applied, List<String> ignored) {
        this.file = file;
        this.applied = applied;
        this.ignored = ignored;
    }

    /** The overrides stored in {@code dataDirectory}; none when it or the file does not exist. */
    static StartOverridesFile read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        Map<String, String> applied = new TreeMap<>();
        List<String> ignored = new java.util.ArrayList<>();
        stored(file).forEach((name, value) -> {
            Optional<Setting> setting = byEnvName(name).filter(Setting::overridable);
            if (setting.isPresent() && !value.isBlank() && value.chars().noneMatch(c -> c < ' ')) {
                applied.put(name, value.trim());
            } else {
                ignored.add(name);
            }
        });
        return new StartOverridesFile(file, Map.copyOf(applied), List.copyOf(ignored));
    }

    Path file() {
        return file;
    }

    /** The overrides the launcher applies, by environment name. */
    Map<String, String> applied() {
        return applied;
    }

    /** Entries that are no overridable setting: shown, never applied. */
    List<String> ignored() {
        return ignored;
    }

    /** What the application gets as {@value #APPLIED_VARIABLE}: one {@code NAME=value} line each, sorted by name. */
    static String forApplication(Map<String, String> applied) {
        return new TreeMap<>(applied).entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The overrides a failed start may be due to, among those applied. */
    Map<String, String> suspectedIn(String failure) {
        return new Suspects(applied).in(failure);
    }

    /** The overrides applied at a start, looked for in the message of its failure. */
    record Suspects(Map<String, String> applied) {
        /** Those the message names (by variable, or by a value such as a port), else all of them. */
        Map<String, String> in(String failure) {
            Map<String, String> named = new TreeMap<>();
            applied.forEach((name, value) -> {
                boolean valueNamed = value.length() >= 3 && Pattern.compile("(?<![\\w.-])" + Pattern.quote(value)
                        + "(?![\\w.-])").matcher(failure).find();
                if (failure.contains(name) || valueNamed) {
                    named.put(name, value);
                }
            });
            return named.isEmpty() ? applied : named;
        }
    }

    /** Removes {@code name}'s entry; returns whether there was one. Only while no server runs on the directory. */
    boolean remove(String name) throws IOException {
        Map<String, String> all = new TreeMap<>(stored(file));
        if (all.remove(name) == null) {
            return false;
        }
        if (all.isEmpty()) {
            Files.delete(file);
            return true;
        }
        Properties properties = new Properties();
        properties.putAll(all);
        StringWriter text = new StringWriter();
        properties.store(text, "Settings read at start, changed through the admin API (PATCH /api/v1/settings).");
        Path next = file.resolveSibling(FILE_NAME + ".next");
        PrivateFiles.write(next, text.toString());
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static Map<String, String> stored(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | IllegalArgumentException e) {
            throw new LauncherException("cannot read the settings changed through the admin API from " + file + ": "
                    + e.getMessage() + " (delete the file to start with the environment's settings)");
        }
        Map<String, String> stored = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> stored.put(name, properties.getProperty(name)));
        return stored;
    }

    private static Optional<Setting> byEnvName(String name) {
        return java.util.Arrays.stream(Setting.values()).filter(setting -> setting.envName().equals(name)).findFirst();
    }
}
