package io.cistern.core.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real S3Proxy 4.1.0 (its jar-with-dependencies) in a JVM of its own, storing objects through jclouds'
 * filesystem provider under {@code <work directory>/data}, on 127.0.0.1 and a fixed port, with the static
 * {@link #IDENTITY} and {@link #CREDENTIAL}.
 * <p>
 * Everything about the process lives in files in its work directory, so that any JVM on the machine can control
 * it, not only the one that launched it: the JUnit JVM launches it before the tests, an in-container test (in the
 * Payara Micro JVM) {@link #attach}es to it to stop and start it, and the JUnit JVM stops it at the end, whoever
 * started it last. The files:
 * <ul>
 *   <li>{@code command}: the command line that starts S3Proxy, one argument a line;</li>
 *   <li>{@code s3proxy.properties}: its configuration (endpoint, credentials, the data directory);</li>
 *   <li>{@code port}: the port it listens on;</li>
 *   <li>{@code pid}: the process that runs it now (absent while it is stopped);</li>
 *   <li>{@code paused}: present while it is frozen by {@link #pause()};</li>
 *   <li>{@code s3proxy.log}: what every start printed;</li>
 *   <li>{@code data/}: the objects; with the filesystem provider, each bucket is a directory here.</li>
 * </ul>
 * Process control uses the JDK only ({@link ProcessHandle}, which works for a process another JVM started),
 * except for {@link #pause()} and {@link #resume()}, which send SIGSTOP and SIGCONT with the {@code kill} command:
 * the JDK sends no other signals than SIGTERM and SIGKILL. Not safe for concurrent use from several JVMs at once.
 */
public final class S3ProxyProcess {
    public static final String IDENTITY = "cistern-test-identity";
    public static final String CREDENTIAL = "cistern-test-credential-9f3a7c";
    public static final String REGION = "us-east-1";

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    /** What S3 accepts as a bucket name (a subset: no dots), so that a name never escapes the data directory. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private final Path workDirectory;
    private final int port;
    private final List<String> command;

    private S3ProxyProcess(Path workDirectory, int port, List<String> command) {
        this.workDirectory = workDirectory;
        this.port = port;
        this.command = List.copyOf(command);
    }

    /**
     * Writes a fresh S3Proxy set-up to {@code workDirectory} (an empty data directory; an S3Proxy still running
     * there from an earlier run is stopped first), starts it on {@code port} and waits until it listens.
     */
    public static S3ProxyProcess launch(Path jar, Path workDirectory, int port) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no S3Proxy jar at " + jar.toAbsolutePath());
        }
        Path directory = workDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            if (Files.exists(directory.resolve("pid")) && Files.exists(directory.resolve("command"))) {
                attach(directory).stop();   // left over from a run that did not end cleanly
            }
            Path data = directory.resolve("data");
            deleteRecursively(data);
            Files.createDirectories(data);
            Path properties = directory.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + IDENTITY,
                    "s3proxy.credential=" + CREDENTIAL,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data,
                    ""), StandardCharsets.UTF_8);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", jar.toAbsolutePath().normalize().toString(), "--properties", properties.toString());
            write(directory.resolve("command"), String.join("\n", command) + "\n");
            write(directory.resolve("port"), port + "\n");
            Files.deleteIfExists(directory.resolve("paused"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up S3Proxy in " + directory, e);
        }
        S3ProxyProcess proxy = attach(directory);
        proxy.start();
        return proxy;
    }

    /** The S3Proxy whose files are in {@code workDirectory}, running or not, started by this JVM or another. */
    public static S3ProxyProcess attach(Path workDirectory) {
        Path directory = workDirectory.toAbsolutePath().normalize();
        try {
            int port = Integer.parseInt(Files.readString(directory.resolve("port"), StandardCharsets.UTF_8).trim());
            List<String> command = Files.readAllLines(directory.resolve("command"), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isEmpty()).toList();
            return new S3ProxyProcess(directory, port, command);
        } catch (IOException e) {
            throw new UncheckedIOException("no S3Proxy set up in " + directory + " (see S3ProxyProcess.launch)", e);
        }
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the objects are: each bucket a directory. */
    public Path dataDirectory() {
        return workDirectory.resolve("data");
    }

    /** What S3Proxy printed, every start appended. */
    public Path log() {
        return workDirectory.resolve("s3proxy.log");
    }

    /** The running S3Proxy process, if any (per the pid file, checked against the process table). */
    public Optional<ProcessHandle> process() {
        Path pidFile = workDirectory.resolve("pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    /** Whether something accepts connections on the port (also true while paused: the kernel still accepts). */
    public boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (SocketTimeoutException e) {
            return true;   // a full backlog of a hung server: someone holds the port
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts S3Proxy again with the same port and data, records its pid, and waits until it listens. */
    public void start() {
        if (process().isPresent()) {
            throw new IllegalStateException("S3Proxy is running already in " + workDirectory);
        }
        if (isListening()) {
            throw new IllegalStateException("port " + port + " is taken by another process; cannot start S3Proxy");
        }
        Process started;
        try {
            started = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            started.getOutputStream().close();
            write(workDirectory.resolve("pid"), started.pid() + "\n");
            Files.deleteIfExists(workDirectory.resolve("paused"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy: " + command, e);
        }
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (!isListening()) {
            if (!started.isAlive()) {
                deletePidFile();
                throw new IllegalStateException("S3Proxy exited with " + started.exitValue() + "; see " + log());
            }
            if (System.nanoTime() - deadline > 0) {
                started.destroyForcibly();
                deletePidFile();
                throw new IllegalStateException("S3Proxy did not listen on port " + port + " within " + STARTUP_LIMIT
                        + "; see " + log());
            }
            sleep(POLL);
        }
    }

    /**
     * Stops S3Proxy (SIGTERM; SIGKILL if it does not end in time) and waits until the port refuses connections.
     * Nothing happens if it is not running.
     */
    public void stop() {
        Optional<ProcessHandle> running = process();
        if (running.isPresent()) {
            ProcessHandle process = running.get();
            if (Files.exists(workDirectory.resolve("paused"))) {
                resume();   // a frozen process would not act on SIGTERM
            }
            process.destroy();
            if (!awaitExit(process, STOP_LIMIT)) {
                process.destroyForcibly();
                if (!awaitExit(process, STOP_LIMIT)) {
                    throw new IllegalStateException("S3Proxy (pid " + process.pid() + ") does not end");
                }
            }
        }
        deletePidFile();
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        while (isListening()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("port " + port + " still accepts connections after S3Proxy stopped");
            }
            sleep(POLL);
        }
    }

    /**
     * Freezes S3Proxy (SIGSTOP): the kernel still accepts connections, but nothing answers. That is a hung
     * server, the case timeouts are for; a stopped one refuses connections at once.
     */
    public void pause() {
        signal("STOP");
        write(workDirectory.resolve("paused"), "");
    }

    /** Lets a paused S3Proxy run on (SIGCONT). */
    public void resume() {
        signal("CONT");
        try {
            Files.deleteIfExists(workDirectory.resolve("paused"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a bucket, if it is not there: with jclouds' filesystem provider, a directory in the data directory.
     * Works whether S3Proxy is running or not.
     */
    public void createBucket(String name) {
        if (!BUCKET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a bucket name: " + name);
        }
        try {
            Files.createDirectories(dataDirectory().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + name, e);
        }
    }

    @Override
    public String toString() {
        return "S3Proxy " + endpoint() + " in " + workDirectory;
    }

    /** Guards against a recycled pid: the process must be a java running this work directory's properties. */
    private boolean isOurs(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return true;   // the process table does not tell (another user's process): trust the pid file
        }
        String properties = command.get(command.size() - 1);
        return List.of(arguments.get()).contains(properties);
    }

    private void signal(String signal) {
        ProcessHandle process = process().orElseThrow(() -> new IllegalStateException("S3Proxy is not running"));
        List<String> kill = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        try {
            Process killing = new ProcessBuilder(kill).redirectErrorStream(true).start();
            String output = new String(killing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!killing.waitFor(10, TimeUnit.SECONDS) || killing.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", kill) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep(POLL);
        }
        return true;
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(workDirectory.resolve("pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the file at once: a reader in another JVM sees the old content or the new, never half. */
    private static void write(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                // temp files are private to their owner; these are for any JVM that controls S3Proxy
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
