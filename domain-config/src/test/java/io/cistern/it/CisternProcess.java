package io.cistern.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One real Cistern, started through the launcher of the built distribution exactly as the README's run
 * command does, on free ports and its own data directory. Everything it prints is kept for assertions.
 */
public final class CisternProcess implements AutoCloseable {
    public static final Path DISTRIBUTION = Path.of(System.getProperty("cistern.distribution", "target/cistern"));
    public static final String ADMIN_PASSWORD = "it-Admin-pass-1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final Path dataDirectory;
    private final Map<String, String> environment;
    private final List<String> output = new ArrayList<>();
    private Process process;

    private CisternProcess(Path dataDirectory, Map<String, String> environment) {
        this.dataDirectory = dataDirectory;
        this.environment = environment;
    }

    /** A configuration on free loopback ports; {@code extra} overrides or adds variables. */
    public static CisternProcess configure(Path dataDirectory, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("CISTERN_DATA_DIR", dataDirectory.toString());
        env.put("CISTERN_NFS_PORT", Integer.toString(freePort()));
        env.put("CISTERN_NFS_BIND", "127.0.0.1");
        env.put("CISTERN_SMB_PORT", Integer.toString(freePort()));
        env.put("CISTERN_SMB_BIND", "127.0.0.1");
        env.put("CISTERN_HTTP_PORT", Integer.toString(freePort()));
        env.put("CISTERN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("CISTERN_JAVA_OPTS", "-Xmx512m");
        // no hourly statistics run or nightly collection beside what the tests do
        env.put("CISTERN_DEFAULT_SCHEDULES", "off");
        env.putAll(extra);
        env.values().removeIf(String::isEmpty);
        return new CisternProcess(dataDirectory, env);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the launcher and returns once it printed its ready line; fails with its output otherwise. */
    public CisternProcess startAndAwaitReady() {
        start();
        String ready = awaitLine(line -> line.startsWith("Cistern ready in"), READY_TIMEOUT);
        if (ready == null) {
            throw new AssertionError("Cistern did not get ready within " + READY_TIMEOUT + "; it printed:\n"
                    + String.join("\n", output()) + "\n--- server.log tail ---\n" + serverLogTail());
        }
        return this;
    }

    /** Starts the launcher without waiting. */
    public CisternProcess start() {
        Path launcher = DISTRIBUTION.resolve("lib/cistern-launcher.jar").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", launcher.toString(), "run").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CISTERN_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::collectOutput, "cistern-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void collectOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits for a line that matches, or for the process to end; null when none came. */
    public String awaitLine(Predicate<String> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                for (String line : output) {
                    if (matcher.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && drained())) {
                    return null;
                }
                try {
                    output.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private boolean drained() {
        try {
            return process.getInputStream().available() == 0;
        } catch (IOException e) {
            return true;
        }
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public Process process() {
        return process;
    }

    public int nfsPort() {
        return Integer.parseInt(environment.get("CISTERN_NFS_PORT"));
    }

    public int smbPort() {
        return Integer.parseInt(environment.get("CISTERN_SMB_PORT"));
    }

    public int httpPort() {
        return Integer.parseInt(environment.get("CISTERN_HTTP_PORT"));
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** SIGTERM, as an administrator or a service manager stops it; returns the exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("launcher did not stop within " + timeout + "; it printed:\n" + String.join("\n", output()));
        }
        return process.exitValue();
    }

    /** Waits for the process to end on its own (fail-fast paths); returns the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("launcher still running after " + timeout + "; it printed:\n" + String.join("\n", output()));
        }
        return process.exitValue();
    }

    public String serverLogTail() {
        Path log = dataDirectory.resolve("logs/server.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop(Duration.ofMinutes(2));
        }
    }
}
