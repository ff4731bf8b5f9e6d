package io.cistern.core.blocks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3Proxy 4.1.0 in its own JVM, once per test class, storing objects in a temp directory through
 * jclouds' filesystem provider. Maven copies the jar to target/s3proxy (see the pom) and passes its path as
 * {@value #JAR_PROPERTY}. Tests may {@link #stop()} and {@link #start()} it again on the same port to
 * simulate an outage.
 */
final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    static final String JAR_PROPERTY = "cistern.test.s3proxy.jar";
    static final String IDENTITY = "cistern-test-identity";
    static final String CREDENTIAL = "cistern-test-credential-9f3a7c";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

    private Path workDirectory;
    private Path properties;
    private Path log;
    private int port;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        workDirectory = Files.createTempDirectory("cistern-s3proxy");
        Path data = Files.createDirectories(workDirectory.resolve("data"));
        port = freePort();
        properties = workDirectory.resolve("s3proxy.properties");
        log = Paths.get("target", "s3proxy", "s3proxy-" + port + ".log");
        Files.createDirectories(log.getParent());
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""), StandardCharsets.UTF_8);
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts S3Proxy on this extension's port and waits until it accepts connections. */
    void start() {
        if (process != null) {
            throw new IllegalStateException("S3Proxy is running already");
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", s3proxyJar().toString(), "--properties", properties.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy: " + command, e);
        }
    }

    /** Stops S3Proxy (SIGTERM) and waits for the process to end. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Freezes S3Proxy (SIGSTOP): the kernel still accepts connections, but nothing answers. That is a hung
     * server, the case timeouts are for; a stopped one refuses connections at once.
     */
    void pause() {
        signal("-STOP");
    }

    /** Lets a paused S3Proxy run on (SIGCONT). */
    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed for S3Proxy");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store configuration for this S3Proxy: path-style keys, as S3-compatible servers need. */
    S3StoreConfig config(String bucket, String prefix, Duration timeout, int maxAttempts) {
        return new S3StoreConfig(endpoint(), "us-east-1", bucket, prefix, true, IDENTITY, CREDENTIAL, timeout, maxAttempts);
    }

    /** A plain client for what the store does not do: creating buckets, tampering with objects. */
    S3Client rawClient() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .build();
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IOException("S3Proxy did not listen on port " + port + " within " + STARTUP_LIMIT + "; see " + log.toAbsolutePath());
    }

    private static Path s3proxyJar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("S3Proxy jar not found (system property " + JAR_PROPERTY + " = " + jar
                    + "): run the tests through Maven, which copies it to target/s3proxy/s3proxy.jar");
        }
        return Paths.get(jar);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
