package io.cistern.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cistern settings [list | reset NAME] [-Dcistern.data.dir=...]}: the start-only settings changed through the
 * admin API, listed or removed without a server. Removing takes the data directory's instance lock, so that it never
 * races a running server (which may rewrite the file); while one runs, the API removes an override instead.
 */
final class SettingsCommand {
    private SettingsCommand() {
    }

    static int run(List<String> args) {
        try {
            List<String> words = args.stream().filter(arg -> !arg.startsWith("-D")).toList();
            Map<String, String> options = new HashMap<>();
            args.stream().filter(arg -> arg.startsWith("-D")).forEach(option -> property(option, options));
            Path data = Settings.dataDirectory(name -> options.getOrDefault(name, System.getProperty(name)),
                    System::getenv);
            String action = words.isEmpty() ? "list" : words.get(0);
            if (action.equals("list") && words.size() == 1 || words.isEmpty()) {
                return list(data);
            }
            if (action.equals("reset") && words.size() == 2) {
                return reset(data, words.get(1));
            }
            throw new LauncherException("usage: cistern settings [list | reset NAME] [-Dcistern.data.dir=DIR]");
        } catch (LauncherException e) {
            Console.error("cistern: " + e.getMessage());
            return 1;
        }
    }

    private static int list(Path data) {
        StartOverridesFile overrides = StartOverridesFile.read(data);
        if (overrides.applied().isEmpty() && overrides.ignored().isEmpty()) {
            Console.info("No setting changed through the admin API waits for a start (" + overrides.file() + ")");
        }
        overrides.applied().forEach((name, value) -> Console.info(name + "=" + value));
        overrides.ignored().forEach(name -> Console.info(name + " (ignored: it cannot be changed through the API)"));
        return 0;
    }

    private static int reset(Path data, String name) {
        if (!Files.isDirectory(data)) {
            throw new LauncherException("no data directory " + data + " (set CISTERN_DATA_DIR or -Dcistern.data.dir)");
        }
        InstanceLock lock;
        try {
            lock = InstanceLock.acquire(data.resolve("cistern.lock"));
        } catch (LauncherException e) {
            throw new LauncherException("Cistern is running on " + data + ": remove the override through the admin API"
                    + " (PATCH /api/v1/settings {\"" + name + "\": null}, or Reset on the console's Settings page),"
                    + " or stop it first");
        }
        try (lock) {
            StartOverridesFile overrides = StartOverridesFile.read(data);
            if (!overrides.remove(name)) {
                throw new LauncherException("no override of " + name + " in " + overrides.file());
            }
            Console.info("Removed the override of " + name + "; the next start uses the environment's value or the"
                    + " default");
            return 0;
        } catch (IOException e) {
            throw new LauncherException("cannot change " + data.resolve(StartOverridesFile.FILE_NAME) + ": "
                    + DataDirectory.reason(e));
        }
    }

    /** {@code -Dcistern.data.dir=DIR} as for {@code run}, kept to this command rather than set for the JVM. */
    private static void property(String option, Map<String, String> options) {
        int equals = option.indexOf('=');
        if (!option.startsWith("-Dcistern.") || equals < 0) {
            throw new LauncherException("unknown option '" + option + "'; the data directory is given as"
                    + " -Dcistern.data.dir=DIR or CISTERN_DATA_DIR");
        }
        options.put(option.substring(2, equals), option.substring(equals + 1));
    }
}
