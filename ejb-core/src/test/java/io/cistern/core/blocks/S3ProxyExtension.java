package io.cistern.core.blocks;

import io.cistern.core.it.S3ProxyProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
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
 * A real S3Proxy 4.1.0 in its own JVM ({@link S3ProxyProcess}), once per test class, storing objects in a temp
 * directory through jclouds' filesystem provider. Maven copies the jar to target/s3proxy (see the pom) and passes
 * its path as {@value #JAR_PROPERTY}. Tests may {@link #stop()} and {@link #start()} it again on the same port to
 * simulate an outage. Its log is kept as target/s3proxy/s3proxy-&lt;port&gt;.log.
 */
final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    static final String JAR_PROPERTY = "cistern.test.s3proxy.jar";
    static final String IDENTITY = S3ProxyProcess.IDENTITY;
    static final String CREDENTIAL = S3ProxyProcess.CREDENTIAL;

    private Path workDirectory;
    private S3ProxyProcess process;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        workDirectory = Files.createTempDirectory("cistern-s3proxy");
        process = S3ProxyProcess.launch(s3proxyJar(), workDirectory, freePort());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            process.stop();
            Path log = Paths.get("target", "s3proxy", "s3proxy-" + process.port() + ".log");
            Files.createDirectories(log.getParent());
            if (Files.exists(process.log())) {
                Files.copy(process.log(), log, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try (Stream<Path> files = Files.walk(workDirectory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    URI endpoint() {
        return process.endpoint();
    }

    /** Starts S3Proxy on this extension's port and waits until it accepts connections. */
    void start() {
        process.start();
    }

    /** Stops S3Proxy (SIGTERM) and waits until the port refuses connections. */
    void stop() {
        process.stop();
    }

    /** Freezes S3Proxy (SIGSTOP): connections are accepted, nothing answers. See {@link S3ProxyProcess#pause()}. */
    void pause() {
        process.pause();
    }

    /** Lets a paused S3Proxy run on (SIGCONT). */
    void resume() {
        process.resume();
    }

    /** A store configuration for this S3Proxy: path-style keys, as S3-compatible servers need. */
    S3StoreConfig config(String bucket, String prefix, Duration timeout, int maxAttempts) {
        return new S3StoreConfig(endpoint(), S3ProxyProcess.REGION, bucket, prefix, true, IDENTITY, CREDENTIAL, timeout,
                maxAttempts);
    }

    /** A plain client for what the store does not do: creating buckets, tampering with objects. */
    S3Client rawClient() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .build();
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
}
