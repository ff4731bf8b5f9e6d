package io.cistern.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Processes a launcher left running when it was killed outright (kill -9, power cut of the terminal): its
 * Payara child and the PostgreSQL postmaster (which runs in its own session on purpose). They are only
 * looked for after this launcher holds the data directory's lock, so they cannot belong to a live launcher.
 * A process is only touched when its pid file points to a live process whose command matches, so that a
 * recycled pid never hits an unrelated process.
 */
final class LeftoverProcesses {
    private static final long STOP_WAIT_SECONDS = 60;

    private LeftoverProcesses() {
    }

    /** The postmaster named by {@code <cluster>/postmaster.pid}, if that process is alive. */
    static Optional<ProcessHandle> postmasterOf(Path cluster) {
        return pidFrom(cluster.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> commandContains(process, "postgres"));
    }

    /** Stops a Payara child of an earlier launcher still running on this data directory. */
    static void stopPayara(Path pidFile, Path payaraRoot) {
        Optional<ProcessHandle> leftover = pidFrom(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> commandContains(process, payaraRoot.toString()));
        leftover.ifPresent(process -> stop(process, "Payara Micro"));
        deleteQuietly(pidFile);
    }

    /** Stops a postmaster of an earlier launcher: SIGTERM, PostgreSQL's "smart" shutdown. */
    static void stopPostmaster(Path cluster) {
        postmasterOf(cluster).ifPresent(process -> stop(process, "PostgreSQL"));
    }

    private static void stop(ProcessHandle process, String what) {
        Console.info("Stopping " + what + " (pid " + process.pid() + ") left running by an earlier launcher");
        process.destroy();
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LauncherException(what + " (pid " + process.pid() + ") left running by an earlier launcher did not"
                    + " stop within " + STOP_WAIT_SECONDS + " s; stop it, then start again");
        }
    }

    static Optional<Long> pidFrom(Path pidFile) {
        try {
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return Optional.of(Long.parseLong(firstLine.strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean commandContains(ProcessHandle process, String text) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().map(line -> line.contains(text)).orElse(false)
                || info.command().map(command -> command.contains(text)).orElse(false);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale pid file is checked against the live process anyway
        }
    }
}
