package io.cistern.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Payara Server domain of an unpacked Payara Server, driven through {@code bin/asadmin}. The domain lives in
 * its own domain directory, with every port moved by a free port base, so that it never meets another Payara
 * (a developer's Payara Micro on 8080, or domain1).
 *
 * <p>Every asadmin process gets the given environment. The server process inherits it from
 * {@code start-domain}: Payara Server stores {@code ${ENV=NAME}} references in domain.xml as they are written and
 * resolves them in the server process, so the environment that matters is the one the domain starts with.
 */
final class PayaraDomain {
    /** What create-domain adds to the port base: debugger, IIOP (3), admin, Hazelcast (2), OSGi, JMS, HTTP(S), JMX. */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    private static final Pattern FAILED_COMMAND = Pattern.compile("(?m)^Command \\S+ failed\\.?.*$");
    private static final Duration LOCAL_COMMAND = Duration.ofMinutes(2);
    private static final Duration REMOTE_COMMAND = Duration.ofMinutes(5);

    private final Path payaraHome;
    private final Path domainsDir;
    private final String name;
    private final Map<String, String> environment;
    private final Path outputDir;
    private final int portBase;
    private int commandCount;

    PayaraDomain(Path payaraHome, Path domainsDir, String name, Map<String, String> environment, Path outputDir) {
        this.payaraHome = payaraHome;
        this.domainsDir = domainsDir;
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.outputDir = outputDir;
        this.portBase = freePortBase();
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    Path domainDir() {
        return domainsDir.resolve(name);
    }

    Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    /** {@code create-domain --nopassword --portbase}, after removing what an aborted earlier run left behind. */
    void create() {
        killLeftover();
        deleteRecursively(domainDir());
        deleteRecursively(outputDir);
        local("create-domain", "--nopassword", "--portbase", Integer.toString(portBase),
                "--domaindir", domainsDir.toString(), name);
    }

    /** Copies a jar into the domain's lib/ (the common class loader): the server sees it from its start. */
    void addLibrary(Path jar) {
        try {
            Files.copy(jar, domainDir().resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        local("start-domain", "--domaindir", domainsDir.toString(), name);
    }

    /**
     * {@code multimode --file}: asadmin runs every command of the file and exits 0 even when one failed, so the
     * output is checked for "Command ... failed".
     */
    String runCommandFile(Path file) {
        String output = remote("multimode", "--file", file.toString());
        Matcher failed = FAILED_COMMAND.matcher(output);
        if (failed.find()) {
            throw new IllegalStateException("asadmin command file " + file + ": " + failed.group() + "\n" + output);
        }
        return output;
    }

    String deploy(Path archive, String applicationName) {
        return remote("deploy", "--name", applicationName, archive.toString());
    }

    private String remote(String... command) {
        List<String> arguments = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(adminPort())));
        arguments.addAll(List.of(command));
        return asadmin(REMOTE_COMMAND, arguments);
    }

    /**
     * Stops the server (killing it when a graceful stop fails) and deletes the domain, keeping a copy of its
     * server.log next to the asadmin outputs. Never throws.
     */
    void stopAndDelete() {
        try {
            local("stop-domain", "--domaindir", domainsDir.toString(), name);
        } catch (RuntimeException e) {
            System.err.println("[PayaraDomain] stop-domain failed, killing the server: " + e.getMessage());
        }
        killLeftover();
        try {
            // keep the log for a look after the build; the domain itself goes
            Files.createDirectories(outputDir);
            Files.copy(serverLog(), outputDir.resolve("server.log"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("[PayaraDomain] cannot keep " + serverLog() + ": " + e);
        }
        try {
            local("delete-domain", "--domaindir", domainsDir.toString(), name);
        } catch (RuntimeException e) {
            System.err.println("[PayaraDomain] delete-domain failed: " + e.getMessage());
        }
    }

    /** The last lines of the server's log, for a failure report. */
    List<String> serverLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(serverLog(), StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no server log at " + serverLog() + ": " + e + ")");
        }
    }

    private String local(String... command) {
        return asadmin(LOCAL_COMMAND, List.of(command));
    }

    /**
     * Runs asadmin with its output in a file, not a pipe: start-domain leaves a server behind that could
     * otherwise hold the pipe open. Fails on a non-zero exit or a timeout.
     */
    private String asadmin(Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(payaraHome.resolve("bin/asadmin").toString());
        command.add("--interactive=false");
        command.addAll(arguments);
        Path output = outputDir.resolve(String.format("asadmin-%02d-%s.txt", ++commandCount, subcommand(arguments)));
        try {
            Files.createDirectories(outputDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            System.out.printf("[asadmin] %s (%.1f s)%n%s%n", String.join(" ", arguments), millis / 1000.0, text.strip());
            if (!exited) {
                throw new IllegalStateException("asadmin " + arguments + " did not finish within " + timeout + ":\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + arguments + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running asadmin " + arguments, e);
        }
    }

    private static String subcommand(List<String> arguments) {
        return arguments.stream().filter(a -> !a.startsWith("-") && a.matches("[a-z][a-z-]+")).findFirst().orElse("command");
    }

    /** The server of this domain, if one is still running (after a failed stop, or from an aborted run). */
    private void killLeftover() {
        serverProcess().ifPresent(server -> {
            System.err.println("[PayaraDomain] killing server process " + server.pid());
            server.destroyForcibly();
            server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    private Optional<ProcessHandle> serverProcess() {
        Path pidFile = domainDir().resolve("config/pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            // a pid file can outlive its process; only a Java process running this domain counts
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(domainDir().toString())).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A port base whose every domain port is free on all interfaces. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 100 * ThreadLocalRandom.current().nextInt(200, 600);   // 20000..59900
            if (java.util.Arrays.stream(PORT_OFFSETS).allMatch(offset -> isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base for a Payara Server domain");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free TCP port on 127.0.0.1, chosen by the kernel. */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
