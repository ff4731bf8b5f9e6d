package io.cistern.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The production shape: {@code cistern.ear} deployed with {@code asadmin deploy} on Payara Server, configured by
 * domain-config's {@code payara-server.asadmin}, against an embedded PostgreSQL 18 (durable settings). One domain,
 * with its own free ports, serves the whole class; it is stopped and deleted afterwards, also on failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EarOnPayaraServerIT {
    private static final String APPLICATION = "cistern";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final int NFS_PROGRAM = 100003;
    private static final int NFS_V3 = 3;
    private static final Path RPCINFO = Path.of("/usr/sbin/rpcinfo");
    /** ${ENV=NAME}, also in the escaped form $\{ENV\=NAME} that keeps Payara Micro from expanding it early. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\\\?\\{ENV\\\\?=([A-Za-z_][A-Za-z0-9_]*)}");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedPostgres postgres;
    private static PayaraDomain domain;
    private static Thread cleanupOnExit;
    private static int nfsPort;
    private static int smbPort;
    private static Instant deployedAt;
    private static volatile boolean failed;

    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @BeforeAll
    static void deployEar() throws Exception {
        // the domain and PostgreSQL must not outlive a build that is interrupted (Ctrl-C, failsafe's timeout)
        cleanupOnExit = new Thread(EarOnPayaraServerIT::stopEverything, "payara-it-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        try {
            Path work = Path.of(property("cistern.it.work.dir"));
            Path commandFile = Path.of(property("cistern.it.asadmin.file")).normalize();
            assertTrue(Files.isRegularFile(commandFile), "the Payara Server command file is missing: " + commandFile);
            Path dataDir = work.resolve("data");
            PayaraDomain.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);   // as an operator would: nothing on Payara Server creates it

            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(work.resolve("pg").toFile())
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();

            nfsPort = PayaraDomain.freeLoopbackPort();
            do {
                smbPort = PayaraDomain.freeLoopbackPort();
            } while (smbPort == nfsPort);

            Map<String, String> environment = environment(Map.ofEntries(
                    Map.entry("CISTERN_DB_HOST", LOOPBACK),
                    Map.entry("CISTERN_DB_PORT", Integer.toString(postgres.getPort())),
                    Map.entry("CISTERN_DB_NAME", "postgres"),
                    Map.entry("CISTERN_DB_URL", "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/postgres"),
                    Map.entry("CISTERN_DB_USER", "postgres"),
                    Map.entry("CISTERN_DB_PASSWORD", "postgres"),
                    Map.entry("CISTERN_NFS_PORT", Integer.toString(nfsPort)),
                    Map.entry("CISTERN_NFS_BIND", LOOPBACK),
                    Map.entry("CISTERN_SMB_PORT", Integer.toString(smbPort)),
                    Map.entry("CISTERN_SMB_BIND", LOOPBACK),
                    Map.entry("CISTERN_DATA_DIR", dataDir.toString()),
                    Map.entry("CISTERN_ADMIN_PASSWORD", "it-admin-" + Long.toHexString(ThreadLocalRandom.current().nextLong()))));
            requireEnvironmentFor(commandFile, environment);

            domain = new PayaraDomain(Path.of(property("cistern.it.payara.home")), work.resolve("domains"), "cistern-it",
                    environment, work.resolve("asadmin"));
            domain.create();
            domain.addLibrary(Path.of(property("cistern.it.jdbc.driver")));
            domain.start();
            domain.runCommandFile(commandFile);
            domain.deploy(Path.of(property("cistern.it.ear")), APPLICATION);
            deployedAt = Instant.now();
        } catch (Exception | Error e) {
            failed = true;
            throw e;
        }
    }

    @AfterAll
    static void tearDown() {
        if (failed && domain != null) {
            System.err.println("---- last lines of " + domain.serverLog() + " ----");
            domain.serverLogTail(200).forEach(System.err::println);
            System.err.println("---- end of server.log ----");
        }
        stopEverything();
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    }

    @Test
    @Order(1)
    void healthIsUpWithinAMinuteOfTheDeployment() throws Exception {
        HttpResponse<String> response = get("/health");
        Instant deadline = deployedAt.plus(READY_WITHIN);
        while (response.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            TimeUnit.SECONDS.sleep(1);
            response = get("/health");
        }
        assertEquals(200, response.statusCode(), "/health " + READY_WITHIN + " after the deployment: " + response.body());

        JsonObject health = json(response.body());
        assertEquals("UP", health.getString("status"), response.body());
        Map<String, JsonObject> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
        for (String readiness : List.of("database", "listeners", "data-directory")) {
            assertTrue(checks.containsKey(readiness), "no health check " + readiness + ": " + response.body());
            assertEquals("UP", checks.get(readiness).getString("status"), readiness + ": " + response.body());
        }
        JsonObject listeners = checks.get("listeners").getJsonObject("data");
        assertEquals("LISTENING " + LOOPBACK + ":" + nfsPort, listeners.getString("NFS"), response.body());
        assertEquals("LISTENING " + LOOPBACK + ":" + smbPort, listeners.getString("SMB"), response.body());
    }

    @Test
    @Order(2)
    void statusListsTheDefaultShareAndBothListeners() throws Exception {
        HttpResponse<String> response = get("/api/v1/status");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject status = json(response.body());

        assertTrue(status.getJsonArray("shares").getValuesAs(JsonString.class).stream().anyMatch(s -> s.getString().equals("data")),
                "no share 'data': " + response.body());
        Map<String, JsonObject> listeners = status.getJsonArray("listeners").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(listener -> listener.getString("protocol"), listener -> listener));
        for (Map.Entry<String, Integer> expected : Map.of("NFS", nfsPort, "SMB", smbPort).entrySet()) {
            JsonObject listener = listeners.get(expected.getKey());
            assertTrue(listener != null, "no " + expected.getKey() + " listener: " + response.body());
            assertEquals("LISTENING", listener.getString("state"), response.body());
            assertEquals(LOOPBACK + ":" + expected.getValue(), listener.getString("address"), response.body());
        }
    }

    @Test
    @Order(3)
    void nfsAnswersAnOncRpcNullCall() throws IOException {
        int xid = ThreadLocalRandom.current().nextInt();
        OncRpcProbe.Reply reply = OncRpcProbe.nullCall(new InetSocketAddress(LOOPBACK, nfsPort), NFS_PROGRAM, NFS_V3, xid);

        assertEquals(xid, reply.xid(), "xid");
        assertEquals(OncRpcProbe.REPLY, reply.messageType(), "msg_type");
        assertEquals(OncRpcProbe.MSG_ACCEPTED, reply.replyStat(), "reply_stat");
        assertEquals(OncRpcProbe.SUCCESS, reply.acceptStat(), "accept_stat");
    }

    /**
     * rpcinfo's own client, as a second opinion. Not {@code rpcinfo -n <port> -t}: Debian's rpcinfo (rpcbind 1.2.6)
     * still asks rpcbind on port 111 for the address then, and fails without it. {@code -a <universal address>
     * -T tcp} calls the given address directly.
     */
    @Test
    @Order(4)
    void rpcinfoFindsNfsVersion3() throws Exception {
        assumeTrue(Files.isExecutable(RPCINFO), RPCINFO + " is not installed (Debian: rpcbind)");
        String universalAddress = LOOPBACK + "." + (nfsPort >> 8) + "." + (nfsPort & 0xff);   // RFC 5665
        Process rpcinfo = new ProcessBuilder(RPCINFO.toString(), "-a", universalAddress, "-T", "tcp",
                Integer.toString(NFS_PROGRAM), Integer.toString(NFS_V3)).redirectErrorStream(true).start();
        assertTrue(rpcinfo.waitFor(30, TimeUnit.SECONDS), "rpcinfo did not finish");
        String output = new String(rpcinfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, rpcinfo.exitValue(), output);
        assertTrue(output.contains("program 100003 version 3 ready and waiting"), output);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + domain.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the domain, then PostgreSQL. Idempotent, never throws: it also runs from the shutdown hook. */
    private static synchronized void stopEverything() {
        if (domain != null) {
            domain.stopAndDelete();
            domain = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("[EarOnPayaraServerIT] cannot stop PostgreSQL: " + e);
            }
            postgres = null;
        }
    }

    /** This JVM's environment without any CISTERN_* of the developer's, plus the test's settings. */
    private static Map<String, String> environment(Map<String, String> cistern) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("CISTERN_"));
        environment.put("AS_JAVA", System.getProperty("java.home"));   // asadmin and the server run on this JDK
        environment.putAll(cistern);
        return environment;
    }

    /** Fails early, and clearly, when the command file reads a variable the test does not set. */
    private static void requireEnvironmentFor(Path commandFile, Map<String, String> environment) throws IOException {
        TreeSet<String> missing = new TreeSet<>();
        for (String line : Files.readAllLines(commandFile, StandardCharsets.UTF_8)) {
            Matcher reference = ENV_REFERENCE.matcher(line);
            while (!line.strip().startsWith("#") && reference.find()) {
                if (!environment.containsKey(reference.group(1))) {
                    missing.add(reference.group(1));
                }
            }
        }
        assertTrue(missing.isEmpty(), commandFile + " reads environment variables this test does not set: " + missing);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set (run through mvn verify)");
        return value;
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
