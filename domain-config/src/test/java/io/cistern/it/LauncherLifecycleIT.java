package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as an administrator meets it: first start, the ready lines, a clean stop that leaves
 * nothing behind, a second start on the same data, and one-line failures for the usual mistakes.
 */
class LauncherLifecycleIT {
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FAIL_FAST = Duration.ofSeconds(60);
    /** Long enough for the checks inside it on a slow machine, short enough not to hold the suite up for long. */
    private static final int RESTART_GRACE_SECONDS = 15;
    private static final String TLS_PASSWORD = "tls-Test-Secret-7";
    private static final String JOURNAL = "CISTERN_JOURNAL_CAPACITY_MB";

    @TempDir
    Path scratch;

    @Test
    void firstStartStopAndRestartKeepTheInstallation() throws Exception {
        Path data = scratch.resolve("data");
        CisternProcess first = CisternProcess.configure(data, Map.of("CISTERN_ADMIN_PASSWORD", "")).startAndAwaitReady();
        int smbPortAfterRestart = CisternProcess.freePort();
        String installation;
        String adminPassword;
        List<ProcessHandle> started;
        ProcessHandle postmaster;
        try {
            assertListenerLines(first);
            String passwordLine = first.awaitLine(l -> l.startsWith("Admin user 'admin' created with password: "), Duration.ofSeconds(5));
            assertNotNull(passwordLine, "a generated password is shown once: " + first.output());
            adminPassword = passwordLine.substring("Admin user 'admin' created with password: ".length()).split(" ")[0];
            assertFalse(Files.exists(data.resolve("initial-admin-password")), "the hand-over file is gone once shown");
            installation = Http.json(first.httpBase() + "/api/v1/status").getString("installationId");
            changeForTheNextStart(first, adminPassword, smbPortAfterRestart);
            started = first.process().toHandle().descendants().collect(Collectors.toList());
            postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).strip()))
                    .orElseThrow();
        } finally {
            assertEquals(0, first.stop(STOP_TIMEOUT), "SIGTERM is a clean stop");
        }
        assertFalse(started.isEmpty(), "Payara runs as a child process");
        started.forEach(p -> assertFalse(p.isAlive(), "left running: " + p.info()));
        assertFalse(postmaster.isAlive(), "PostgreSQL stopped");
        assertFalse(Files.exists(data.resolve("pg/postmaster.pid")), "no stale PostgreSQL pid file");

        // the restart is where NLM's grace period matters: the clients' locks died with the first server; it also
        // turns HTTPS on and plain HTTP off, which costs no start of its own
        TlsTestKeystore keystore = TlsTestKeystore.create(scratch, TLS_PASSWORD);
        int httpsPort = CisternProcess.freePort();
        try (ClientHost clientHost = new ClientHost();
             CisternProcess second = CisternProcess.configure(data, restartSettings(clientHost, keystore, httpsPort))
                     .startAndAwaitReady()) {
            // first, while the grace period lasts
            NlmGracePeriodCheck.assertReclaimsOnlyDuringGracePeriod(second, clientHost, RESTART_GRACE_SECONDS);
            HttpsChecks.assertServesTheApiOverTls(second, keystore, httpsPort, adminPassword);
            JsonObject status = HttpsChecks.status(keystore, httpsPort);
            assertEquals(installation, status.getString("installationId"), "same database after a restart");
            assertEquals("data", status.getJsonArray("shares").getString(0));
            assertTrue(second.output().stream().noneMatch(l -> l.contains("created with password")), "the password is shown only once");
            assertChangedAtThisStart(second, keystore, httpsPort, adminPassword, smbPortAfterRestart);
        }
    }

    /**
     * Start-only settings changed through the API wait for the next start: the journal's capacity (read by the
     * application) and the SMB port (read by the launcher).
     */
    private static void changeForTheNextStart(CisternProcess cistern, String adminPassword, int smbPort) throws Exception {
        AdminApiClient api = new AdminApiClient(cistern);
        AdminApiClient.Answer changed = api.patch("settings", Json.createObjectBuilder()
                .add(JOURNAL, "64").add("CISTERN_SMB_PORT", Integer.toString(smbPort)).build(),
                api.accessToken("admin", adminPassword));
        assertEquals(200, changed.status(), changed.body());
        JsonObject journal = changed.array().getValuesAs(JsonObject.class).stream()
                .filter(setting -> setting.getString("name").equals(JOURNAL)).findFirst().orElseThrow();
        assertEquals("1024", journal.getString("value"), "in effect until the next start: " + journal);
        assertEquals("64", journal.getString("pendingRestart"), journal.toString());
        assertEquals(1024L << 20, (long) PrometheusText.scrape(cistern.httpBase()).value("cistern_journal_capacity_bytes"));
    }

    private static void assertChangedAtThisStart(CisternProcess cistern, TlsTestKeystore keystore, int httpsPort,
                                                 String adminPassword, int smbPort) throws Exception {
        List<String> lines = cistern.output();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Applying " + JOURNAL + "=64 (changed through the admin API;"
                + " to remove: cistern settings reset " + JOURNAL + ")")), "the launcher says what it applies: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("SMB\\s+listening on 127\\.0\\.0\\.1:" + smbPort)),
                "the launcher's own setting, over the environment's port: " + lines);
        JsonObject journal = HttpsChecks.settings(keystore, httpsPort, adminPassword).get(JOURNAL);
        assertEquals("64", journal.getString("value"), journal.toString());
        assertEquals("override", journal.getString("source"), journal.toString());
        assertTrue(noPendingRestart(journal), "nothing waits any more: " + journal);
        assertEquals(64L << 20, (long) HttpsChecks.metrics(keystore, httpsPort).value("cistern_journal_capacity_bytes"),
                "the journal was laid out with the override");
    }

    private static Map<String, String> restartSettings(ClientHost clientHost, TlsTestKeystore keystore, int httpsPort) {
        Map<String, String> settings = new java.util.HashMap<>(NlmGracePeriodCheck.settings(clientHost, RESTART_GRACE_SECONDS));
        settings.put("CISTERN_ADMIN_PASSWORD", "");
        settings.putAll(tlsSettings(keystore.file().toString(), httpsPort));
        settings.put("CISTERN_HTTP", "off");
        return settings;
    }

    private static Map<String, String> tlsSettings(String keystore, int httpsPort) {
        return Map.of("CISTERN_HTTPS_PORT", Integer.toString(httpsPort), "CISTERN_TLS_KEYSTORE", keystore,
                "CISTERN_TLS_KEYSTORE_PASSWORD", TLS_PASSWORD);
    }

    @Test
    void aWrongKeystorePasswordFailsFastWithOneLineThatDoesNotShowIt() throws Exception {
        TlsTestKeystore keystore = TlsTestKeystore.create(scratch, "the-right-one-9");
        CisternProcess cistern = CisternProcess.configure(scratch.resolve("data"),
                tlsSettings(keystore.file().toString(), CisternProcess.freePort())).start();
        assertEquals(1, cistern.awaitExit(FAIL_FAST));
        assertOneClearLine(cistern, "CISTERN_TLS_KEYSTORE_PASSWORD does not open it");
        assertTrue(cistern.output().stream().noneMatch(l -> l.contains(TLS_PASSWORD)), "no password in the output");
        assertFalse(Files.exists(scratch.resolve("data/pg/postmaster.pid")), "nothing was started");
    }

    @Test
    void aMissingKeystoreFailsFastWithOneLine() throws Exception {
        Path missing = scratch.resolve("no-such-keystore.p12");
        CisternProcess cistern = CisternProcess.configure(scratch.resolve("data"),
                tlsSettings(missing.toString(), CisternProcess.freePort())).start();
        assertEquals(1, cistern.awaitExit(FAIL_FAST));
        assertOneClearLine(cistern, missing + ": no such file");
    }

    private static void assertListenerLines(CisternProcess cistern) {
        List<String> lines = cistern.output();
        assertTrue(lines.stream().anyMatch(l -> l.matches("NFS\\s+listening on 127\\.0\\.0\\.1:" + cistern.nfsPort())), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("SMB\\s+listening on 127\\.0\\.0\\.1:" + cistern.smbPort())), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("HTTP\\s+listening on http://127\\.0\\.0\\.1:" + cistern.httpPort())), lines.toString());
    }

    @Test
    void takenPortFailsFastWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CisternProcess cistern = CisternProcess.configure(scratch.resolve("data"),
                    Map.of("CISTERN_NFS_PORT", Integer.toString(taken.getLocalPort()))).start();
            assertEquals(1, cistern.awaitExit(FAIL_FAST));
            assertOneClearLine(cistern, Integer.toString(taken.getLocalPort()));
        }
    }

    /**
     * An override that makes the start fail (its port taken since it was changed) is named with how to remove it, and
     * {@code cistern settings reset} removes it without a server.
     */
    @Test
    void anOverrideThatFailsTheStartIsNamedWithHowToRemoveIt() throws Exception {
        Path data = Files.createDirectories(scratch.resolve("data"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(data.resolve("start-settings.properties"), "CISTERN_NFS_PORT=" + taken.getLocalPort()
                    + "\n");
            CisternProcess cistern = CisternProcess.configure(data, Map.of()).start();
            assertEquals(1, cistern.awaitExit(FAIL_FAST));
            assertTrue(cistern.output().get(0).startsWith("Applying CISTERN_NFS_PORT="), cistern.output().toString());
            assertOneClearLine(cistern, 4, "cistern: the override CISTERN_NFS_PORT=" + taken.getLocalPort() + " changed"
                    + " through the admin API is in effect; to start without it: cistern settings reset CISTERN_NFS_PORT");
        }
        Process reset = new ProcessBuilder("java", "-jar", CisternProcess.DISTRIBUTION.resolve("lib/cistern-launcher.jar")
                .toAbsolutePath().toString(), "settings", "reset", "CISTERN_NFS_PORT", "-Dcistern.data.dir=" + data)
                .redirectErrorStream(true).start();
        String said = new String(reset.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(reset.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, reset.exitValue(), said);
        assertTrue(said.contains("Removed the override of CISTERN_NFS_PORT"), said);
        assertFalse(Files.exists(data.resolve("start-settings.properties")), "the only override is gone");
    }

    @Test
    void unwritableDataDirectoryFailsFastWithOneLine() throws Exception {
        Path regularFile = Files.createFile(scratch.resolve("not-a-directory"));
        CisternProcess cistern = CisternProcess.configure(regularFile.resolve("data"), Map.of()).start();
        assertEquals(1, cistern.awaitExit(FAIL_FAST));
        assertOneClearLine(cistern, "data");
    }

    @Test
    void unreachableDatabaseFailsFastWithOneLine() throws Exception {
        int closedPort = CisternProcess.freePort();
        CisternProcess cistern = CisternProcess.configure(scratch.resolve("data"),
                Map.of("CISTERN_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/cistern",
                        "CISTERN_DB_USER", "cistern", "CISTERN_DB_PASSWORD", "not-logged-anywhere")).start();
        assertEquals(1, cistern.awaitExit(FAIL_FAST));
        assertOneClearLine(cistern, Integer.toString(closedPort));
        assertTrue(cistern.output().stream().noneMatch(l -> l.contains("not-logged-anywhere")), "no password in the output");
    }

    private static void assertOneClearLine(CisternProcess cistern, String mustMention) throws IOException {
        assertOneClearLine(cistern, 3, mustMention);
    }

    private static void assertOneClearLine(CisternProcess cistern, int maxLines, String mustMention) throws IOException {
        List<String> lines = cistern.output();
        assertTrue(lines.stream().anyMatch(l -> l.contains(mustMention)), "names " + mustMention + ": " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread")), "no stack trace: " + lines);
        assertTrue(lines.size() <= maxLines, "a short message, not a log: " + lines);
    }

    /** No value waits for a restart: JSON-B leaves a null pendingRestart out. */
    private static boolean noPendingRestart(JsonObject setting) {
        return !setting.containsKey("pendingRestart") || setting.isNull("pendingRestart");
    }
}
