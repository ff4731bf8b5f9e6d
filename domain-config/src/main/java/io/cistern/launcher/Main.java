package io.cistern.launcher;

import java.util.List;

/**
 * {@code java -jar cistern-launcher.jar [run [-Dcistern.setting=value ...] | settings [list | reset NAME] | help]}.
 * <p>
 * Exit codes: 0 after a requested stop (Ctrl-C, SIGTERM), 1 when something failed; the reason is one line on
 * stderr, never a stack trace. SIGINT and SIGTERM are handled here rather than by the JVM's default (exit
 * code 130/143 after the shutdown hooks) so that an orderly stop ends with 0; a shutdown hook stays as a
 * fallback for other ways the JVM may end (SIGHUP, System.exit elsewhere).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        String command = args.isEmpty() ? "run" : args.get(0);
        switch (command) {
            case "help", "--help", "-h" -> {
                Console.info(Usage.text());
                return 0;
            }
            case "run" -> {
                return runCommand(args.subList(Math.min(1, args.size()), args.size()));
            }
            case "settings" -> {
                return SettingsCommand.run(args.subList(1, args.size()));
            }
            default -> {
                Console.error("cistern: unknown command '" + command + "'; try: cistern help");
                return 1;
            }
        }
    }

    private static int runCommand(List<String> options) {
        Launcher launcher = null;
        StartOverridesFile overrides = null;
        try {
            applyPropertyOptions(options);
            overrides = StartOverridesFile.read(Settings.dataDirectory(System::getProperty, System::getenv));
            announce(overrides);
            launcher = new Launcher(Settings.fromSystem(overrides.applied()), Distribution.locate());
            installStopHandlers(launcher);
            int exitCode = launcher.run();
            launcher.stopAll();
            return exitCode;
        } catch (LauncherException e) {
            return failed(launcher, e.getMessage(), overrides);
        } catch (ReadinessProbe.StopRequested e) {
            return awaitStopHandler();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(launcher, "interrupted", overrides);
        } catch (RuntimeException | Error e) {
            return failed(launcher, "unexpected error: " + e, overrides);
        }
    }

    /** One line for each override applied (never a secret: none can be overridden), and for each entry ignored. */
    private static void announce(StartOverridesFile overrides) {
        overrides.applied().forEach((name, value) -> Console.info("Applying " + name + "=" + value
                + " (changed through the admin API; to remove: cistern settings reset " + name + ")"));
        overrides.ignored().forEach(name -> Console.info("Ignoring " + name + " in " + overrides.file()
                + ": it cannot be changed through the admin API"));
    }

    /** {@code run -Dcistern.nfs.port=2049}: the same as a system property given to the JVM. */
    private static void applyPropertyOptions(List<String> options) {
        for (String option : options) {
            int equals = option.indexOf('=');
            if (!option.startsWith("-Dcistern.") || equals < 0) {
                throw new LauncherException("unknown option '" + option + "'; settings are given as"
                        + " -Dcistern.<setting>=<value> or environment variables, see: cistern help");
            }
            System.setProperty(option.substring(2, equals), option.substring(equals + 1));
        }
    }

    private static int failed(Launcher launcher, String message, StartOverridesFile overrides) {
        if (launcher != null && launcher.stopRequested()) {
            return awaitStopHandler(); // a failure caused by stopping (e.g. Payara ended by Ctrl-C) is no failure
        }
        Console.error("cistern: " + message);
        if (overrides != null && !overrides.applied().isEmpty()) {
            Console.error("cistern: " + suspects(overrides.suspectedIn(message)));
        }
        if (launcher != null) {
            launcher.stopAll();
        }
        return 1;
    }

    /** The line naming the overrides a failed start may be due to, and how to start without one. */
    static String suspects(java.util.Map<String, String> suspected) {
        String which = suspected.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        String name = suspected.size() == 1 ? suspected.keySet().iterator().next() : "NAME";
        return (suspected.size() == 1 ? "the override " : "the overrides ") + which + " changed through the admin API "
                + (suspected.size() == 1 ? "is" : "are") + " in effect; to start without it: cistern settings reset "
                + name;
    }

    /** The signal handler thread stops everything and exits with 0; the main thread only waits for that. */
    private static int awaitStopHandler() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void installStopHandlers(Launcher launcher) {
        Runnable stopAndExit = () -> {
            launcher.requestStop();
            Console.info("Stopping Cistern ...");
            launcher.stopAll();
            Console.info("Cistern stopped");
            Runtime.getRuntime().halt(0);
        };
        StopSignals.onStop(stopAndExit);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "cistern-stop"));
    }
}
