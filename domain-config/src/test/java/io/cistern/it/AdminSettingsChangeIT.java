package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Settings changed while the shared server runs ({@code PATCH /api/v1/settings}): the change is seen in what the
 * server does, not only in what it stores (NEGOTIATE's security mode and guest logons for SMB signing, the server log
 * for the log level), is audited with old and new values, and is undone at the end of each test (the ITs share one
 * server); a start-only change waits for the next start, shown as pendingRestart; bad values, values the next start
 * would refuse, unchangeable and unknown settings are refused naming the setting and change nothing; only admins may
 * change anything.
 */
@ExtendWith(SharedCistern.class)
class AdminSettingsChangeIT {
    private static final String SIGNING = "CISTERN_SMB_SIGNING_REQUIRED";
    private static final String LOG_LEVEL = "CISTERN_LOG_LEVEL";
    private static final String FAILURES = "CISTERN_SMB_LOGON_FAILURES_PER_MINUTE";
    private static final String JOURNAL = "CISTERN_JOURNAL_CAPACITY_MB";
    private static final String HTTP_BIND = "CISTERN_HTTP_BIND";
    /** The throttle's own client address, so that its failures never hold back other tests' logons from 127.0.0.1. */
    private static final String THROTTLED_ADDRESS = "127.0.0.6";

    private CisternProcess cistern;
    private AdminApiClient api;
    private String admin;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    @Test
    void requiringSmbSigningAtRunTimeReachesNewConnectionsUntilTheOverrideIsRemoved() throws Exception {
        JsonObject before = settings().get(SIGNING);
        assertEquals("false", before.getString("value"), before.toString());
        assertEquals("default", before.getString("source"), before.toString());
        assertTrue(before.getBoolean("runtime"), before.toString());
        assertFalse(serverRequiresSigning(), "the shared server does not require signing");
        assertTrue(guestLogonAccepted(), "guests log on while signing is not required");
        try {
            Answer changed = api.patch("settings", change(SIGNING, "TRUE"), admin);
            assertEquals(200, changed.status(), changed.body());
            JsonObject now = byName(changed).get(SIGNING);
            assertEquals("true", now.getString("value"), "stored normalized: " + now);
            assertEquals("override", now.getString("source"), now.toString());

            assertTrue(serverRequiresSigning(), "a new connection's NEGOTIATE says signing is required");
            assertFalse(guestLogonAccepted(), "a guest session cannot sign, so it is refused now");
            assertAdminStillWorksOverSmb();
            assertAudited(SIGNING + ": false -> true");
        } finally {
            Answer reset = api.patch("settings", change(SIGNING, null), admin);
            assertEquals(200, reset.status(), reset.body());
        }
        JsonObject after = settings().get(SIGNING);
        assertEquals("false", after.getString("value"), after.toString());
        assertEquals("default", after.getString("source"), "the override is gone: " + after);
        assertFalse(serverRequiresSigning(), "back to the environment's value without a restart");
        assertTrue(guestLogonAccepted());
        assertAudited(SIGNING + ": true -> false (default)");
        awaitSmbFailuresReported();
    }

    @Test
    void aLowerSmbLogonFailureLimitCountsFromTheNextConnection() throws Exception {
        String user = "thr-" + AdminApiIT.shortId();
        assertEquals(201, api.post("users", Json.createObjectBuilder().add("username", user)
                .add("password", "throttle-pass-1").build(), admin).status());
        assertEquals("5", settings().get(FAILURES).getString("value"));
        try {
            Answer changed = api.patch("settings", change(FAILURES, "1"), admin);
            assertEquals(200, changed.status(), changed.body());
            assertEquals("1", byName(changed).get(FAILURES).getString("value"));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE, logOnFromOwnAddress(user, "wrong-password-1"));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE, logOnFromOwnAddress(user, "throttle-pass-1"),
                    "after one failure the address waits, even with the right password");
        } finally {
            assertEquals(200, api.patch("settings", change(FAILURES, null), admin).status());
        }
        assertEquals(NtStatus.STATUS_SUCCESS, logOnFromOwnAddress(user, "throttle-pass-1"),
                "back at five a minute, one failure does not hold the address");
        assertAudited(FAILURES + ": 5 -> 1");
        awaitSmbFailuresReported();
    }

    @Test
    void theLogLevelChangesAtRunTime() throws Exception {
        ServerLogRecords log = new ServerLogRecords(cistern.dataDirectory());
        long start = log.size();
        treeConnectAsAdmin();
        assertFalse(treeConnectLogged(log, start), "no FINE records at INFO");
        try {
            Answer changed = api.patch("settings", change(LOG_LEVEL, "fine"), admin);
            assertEquals(200, changed.status(), changed.body());
            assertEquals("FINE", byName(changed).get(LOG_LEVEL).getString("value"));
            long fine = log.size();
            treeConnectAsAdmin();
            assertTrue(awaitTreeConnectLogged(log, fine), "the SMB tree connect is logged at FINE");
        } finally {
            assertEquals(200, api.patch("settings", change(LOG_LEVEL, null), admin).status());
        }
        assertEquals("INFO", settings().get(LOG_LEVEL).getString("value"));
        long info = log.size();
        treeConnectAsAdmin();
        Thread.sleep(1000);
        assertFalse(treeConnectLogged(log, info), "back at INFO, no FINE records");
    }

    @Test
    void badUnknownAndStartOnlySettingsAreRefusedNamingTheSettingAndNothingChanges() throws Exception {
        Map<String, JsonObject> before = settings();

        assertRefused(api.patch("settings", change(SIGNING, "maybe"), admin), "invalid_value", SIGNING);
        assertRefused(api.patch("settings", change("CISTERN_GC_GRACE_SECONDS", "-1"), admin), "invalid_value",
                "CISTERN_GC_GRACE_SECONDS");
        assertRefused(api.patch("settings", change("CISTERN_AUDIT_MB_PER_SECOND", "0"), admin), "invalid_value",
                "CISTERN_AUDIT_MB_PER_SECOND");
        assertRefused(api.patch("settings", change(LOG_LEVEL, "LOUD"), admin), "invalid_value", LOG_LEVEL);
        Answer secret = api.patch("settings", change("CISTERN_ADMIN_PASSWORD", "new-secret-1"), admin);
        assertRefused(secret, "not_changeable", "CISTERN_ADMIN_PASSWORD");
        assertTrue(secret.json().getString("message").contains("secret"), secret.body());
        assertRefused(api.patch("settings", change("CISTERN_NO_SUCH_THING", "1"), admin), "unknown_setting",
                "CISTERN_NO_SUCH_THING");
        assertEquals(400, api.patch("settings", Json.createObjectBuilder().build(), admin).status());
        // all or nothing: the good value of the pair is not stored either
        JsonObjectBuilder pair = Json.createObjectBuilder().add(LOG_LEVEL, "FINE").add("CISTERN_GC_GRACE_SECONDS", "x");
        assertRefused(api.patch("settings", pair.build(), admin), "invalid_value", "CISTERN_GC_GRACE_SECONDS");

        Map<String, JsonObject> after = settings();
        assertEquals(before, after, "nothing changed");
        Answer audit = api.get("audit?limit=30", admin);
        assertTrue(audit.array().getValuesAs(JsonObject.class).stream().anyMatch(entry ->
                entry.getString("action").equals("settings.change") && !entry.getBoolean("success")
                        && "not_changeable".equals(entry.getString("detail", null))), "refusals are audited: " + audit.body());
        assertFalse(audit.body().contains("new-secret-1"), "the refused secret is not in the audit log");
    }

    @Test
    void aStartOnlyChangeWaitsForTheNextStartIsAuditedAndNullRemovesIt() throws Exception {
        JsonObject before = settings().get(JOURNAL);
        assertEquals("1024", before.getString("value"), before.toString());
        assertFalse(before.getBoolean("runtime"), before.toString());
        assertTrue(before.getBoolean("changeable"), before.toString());
        assertEquals("the next start", before.getString("takesEffect"), before.toString());
        assertTrue(noPendingRestart(before), before.toString());
        Path file = cistern.dataDirectory().resolve("start-settings.properties");
        try {
            Answer changed = api.patch("settings", Json.createObjectBuilder().add(JOURNAL, 64)
                    .add("CISTERN_NFS_WORKERS", "16").build(), admin);
            assertEquals(200, changed.status(), changed.body());
            JsonObject journal = byName(changed).get(JOURNAL);
            assertEquals("1024", journal.getString("value"), "in effect until the next start: " + journal);
            assertEquals(before.getString("source"), journal.getString("source"), journal.toString());
            assertEquals("64", journal.getString("pendingRestart"), journal.toString());
            JsonObject workers = byName(changed).get("CISTERN_NFS_WORKERS");
            assertEquals("8", workers.getString("value"), workers.toString());
            assertEquals("16", workers.getString("pendingRestart"), workers.toString());
            assertTrue(Files.readString(file).contains(JOURNAL + "=64"), "kept for the launcher in " + file);
            assertEquals(1024L << 20, (long) PrometheusText.scrape(cistern.httpBase())
                    .value("cistern_journal_capacity_bytes"), "the running journal keeps its capacity");
            assertAuditedTogether(JOURNAL + ": 1024 -> 64 (at the next start)",
                    "CISTERN_NFS_WORKERS: 8 -> 16 (at the next start)");
        } finally {
            Answer removed = api.patch("settings", Json.createObjectBuilder().addNull(JOURNAL)
                    .addNull("CISTERN_NFS_WORKERS").build(), admin);
            assertEquals(200, removed.status(), removed.body());
        }
        assertTrue(noPendingRestart(settings().get(JOURNAL)), "nothing waits once the override is removed");
        assertFalse(Files.exists(file), "no override left: no file");
        assertAuditedTogether(JOURNAL + ": 64 -> 1024 (default, at the next start)",
                "CISTERN_NFS_WORKERS: 16 -> 8 (default, at the next start)");
    }

    @Test
    void theAdminApiLeavesLoopbackOnlyThroughAnAdminAndAudited() throws Exception {
        String operator = api.tokenOfNewUser(admin, "bindop-", "operator", "settings-pass-1");
        String viewer = api.tokenOfNewUser(admin, "bindview-", "viewer", "settings-pass-1");
        JsonObject everywhere = change(HTTP_BIND, "0.0.0.0");
        assertRefused(api.patch("settings", everywhere, operator), "forbidden", null);
        assertRefused(api.patch("settings", everywhere, viewer), "forbidden", null);
        assertEquals(401, api.patch("settings", everywhere, null).status());
        assertTrue(noPendingRestart(settings().get(HTTP_BIND)), "nothing stored for them");
        try {
            Answer changed = api.patch("settings", everywhere, admin);
            assertEquals(200, changed.status(), changed.body());
            assertEquals("0.0.0.0", byName(changed).get(HTTP_BIND).getString("pendingRestart"));
            assertEquals("127.0.0.1", byName(changed).get(HTTP_BIND).getString("value"));
            assertAudited(HTTP_BIND + ": 127.0.0.1 -> 0.0.0.0 (at the next start)");
        } finally {
            assertEquals(200, api.patch("settings", change(HTTP_BIND, null), admin).status());
        }
        assertTrue(noPendingRestart(settings().get(HTTP_BIND)));
    }

    @Test
    void startOnlyValuesTheNextStartWouldRefuseAndUnchangeableSettingsAreRefusedNamingTheSetting() throws Exception {
        Map<String, JsonObject> before = settings();
        assertRefused(api.patch("settings", change("CISTERN_NFS_PORT", "0"), admin), "invalid_value", "CISTERN_NFS_PORT");
        Answer small = api.patch("settings", change(JOURNAL, "8"), admin);
        assertRefused(small, "invalid_value", JOURNAL);
        assertTrue(small.json().getString("message").contains("from 16"), small.body());
        Answer clash = api.patch("settings", change("CISTERN_NFS_PORT", Integer.toString(cistern.smbPort())), admin);
        assertRefused(clash, "invalid_value", "CISTERN_NFS_PORT");
        assertTrue(clash.json().getString("message").contains("would both listen on port " + cistern.smbPort()),
                clash.body());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Answer inUse = api.patch("settings", change("CISTERN_SMB_PORT", Integer.toString(taken.getLocalPort())), admin);
            assertRefused(inUse, "invalid_value", "CISTERN_SMB_PORT");
            assertTrue(inUse.json().getString("message").contains("is in use"), inUse.body());
        }
        assertRefused(api.patch("settings", change(HTTP_BIND, "192.0.2.1"), admin), "invalid_value", HTTP_BIND);
        Answer jvm = api.patch("settings", change("CISTERN_JAVA_OPTS", "-Xmx512m -XX:+NoSuchOptionAtAll"), admin);
        assertRefused(jvm, "invalid_value", "CISTERN_JAVA_OPTS");
        assertTrue(jvm.json().getString("message").contains("NoSuchOptionAtAll"), jvm.body());
        Answer httpOff = api.patch("settings", change("CISTERN_HTTP", "off"), admin);
        assertRefused(httpOff, "invalid_value", "CISTERN_HTTP");
        assertTrue(httpOff.json().getString("message").contains("CISTERN_HTTPS_PORT"), httpOff.body());
        // all or nothing, across both kinds: the good journal size and log level are not stored either
        assertRefused(api.patch("settings", Json.createObjectBuilder().add(JOURNAL, "64").add(LOG_LEVEL, "FINE")
                .add("CISTERN_SMB_WORKERS", "0").build(), admin), "invalid_value", "CISTERN_SMB_WORKERS");
        for (String unchangeable : List.of("CISTERN_DATA_DIR", "CISTERN_DB_URL", "CISTERN_DB_PASSWORD",
                "CISTERN_TLS_KEYSTORE_PASSWORD", "CISTERN_STORE", "CISTERN_S3_BUCKET", "CISTERN_OIDC_ISSUER")) {
            Answer refused = api.patch("settings", change(unchangeable, "x"), admin);
            assertRefused(refused, "not_changeable", unchangeable);
            assertTrue(refused.json().getString("message").contains("cannot be changed through the API"), refused.body());
        }
        assertEquals(before, settings(), "nothing changed");
        assertFalse(Files.exists(cistern.dataDirectory().resolve("start-settings.properties")), "nothing stored");
    }

    @Test
    void onlyAdminsChangeSettings() throws Exception {
        String operator = api.tokenOfNewUser(admin, "setop-", "operator", "settings-pass-1");
        String viewer = api.tokenOfNewUser(admin, "setview-", "viewer", "settings-pass-1");
        assertRefused(api.patch("settings", change(SIGNING, "true"), operator), "forbidden", null);
        assertRefused(api.patch("settings", change(SIGNING, "true"), viewer), "forbidden", null);
        Answer none = api.patch("settings", change(SIGNING, "true"), null);
        assertEquals(401, none.status(), none.body());
        assertEquals(401, api.patch("settings", change(SIGNING, "true"), "not-a-token").status());
        assertEquals("default", settings().get(SIGNING).getString("source"), "nothing changed");
        assertFalse(serverRequiresSigning());
        assertEquals(405, api.put("settings", Json.createObjectBuilder().build(), admin).status(), "PATCH, not PUT");
    }

    @Test
    void theOpenApiDocumentsTheChangeAndItsErrors() throws Exception {
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        int start = openapi.indexOf("/api/v1/settings:");
        assertTrue(start >= 0, "the settings path is documented");
        int end = openapi.indexOf("\n  /", start + 1);
        String settingsPath = openapi.substring(start, end < 0 ? openapi.length() : end);
        assertTrue(settingsPath.contains("patch:"), settingsPath);
        for (String documented : List.of("not_changeable", "invalid_value", "unknown_setting", "pendingRestart",
                "start-settings.properties")) {
            assertTrue(settingsPath.contains(documented), documented + " in " + settingsPath);
        }
        for (String status : List.of("400", "403")) {
            assertTrue(settingsPath.matches("(?s).*['\"]?" + status + "['\"]?:.*"), status + " in " + settingsPath);
        }
        assertTrue(openapi.contains("ShareUpdate:"), "the share change with its name is documented");
    }

    private Map<String, JsonObject> settings() throws Exception {
        Answer answer = api.get("settings", admin);
        assertEquals(200, answer.status(), answer.body());
        return byName(answer);
    }

    private static Map<String, JsonObject> byName(Answer answer) {
        return answer.array().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(setting -> setting.getString("name"), Function.identity()));
    }

    private static JsonObject change(String name, String value) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        return (value == null ? body.addNull(name) : body.add(name, value)).build();
    }

    /** What a new connection's NEGOTIATE response says. */
    private boolean serverRequiresSigning() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort())) {
            return connection.getConnectionContext().isServerRequiresSigning();
        }
    }

    private boolean guestLogonAccepted() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort())) {
            try (Session session = connection.authenticate(AuthenticationContext.guest())) {
                return session.getSessionContext().isGuest();
            } catch (RuntimeException refused) {
                return false;
            }
        }
    }

    /** The server keeps serving accounts that can sign: a file listed in the default share. */
    private void assertAdminStillWorksOverSmb() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort());
             Session session = connection.authenticate(new AuthenticationContext("admin",
                     CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
             DiskShare share = (DiskShare) session.connectShare("data")) {
            assertNotNull(share.list(""), "the admin lists the share over a signed session");
        }
    }

    /**
     * Waits until the refused logons of a test are in {@code cistern_auth_failures_total}: the adapter reports them at
     * most every 2 s, and a report arriving during the next test class (MetricsIT counts one failure of its own) would
     * be counted there.
     */
    private void awaitSmbFailuresReported() throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        double last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            double now = PrometheusText.scrape(cistern.httpBase()).value("cistern_auth_failures_total", "protocol", "smb");
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 3_000_000_000L) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the SMB logon failures did not settle within 20 s");
    }

    /** A logon's outcome, over a connection from {@link #THROTTLED_ADDRESS}. */
    private NtStatus logOnFromOwnAddress(String user, String password) throws Exception {
        SmbConfig config = SmbConfig.builder().withSocketFactory(new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return new Socket(InetAddress.getByName(host), port, InetAddress.getByName(THROTTLED_ADDRESS), 0);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return new Socket(host, port, local, localPort);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return new Socket(host, port, InetAddress.getByName(THROTTLED_ADDRESS), 0);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return new Socket(host, port, local, localPort);
            }
        }).build();
        try (SMBClient client = new SMBClient(config); Connection connection = client.connect("127.0.0.1",
                cistern.smbPort()); Session session = connection.authenticate(new AuthenticationContext(user,
                password.toCharArray(), ""))) {
            assertNotNull(session);
            return NtStatus.STATUS_SUCCESS;
        } catch (SMBApiException refused) {
            return refused.getStatus();
        }
    }

    private void treeConnectAsAdmin() throws Exception {
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort());
             Session session = connection.authenticate(new AuthenticationContext("admin",
                     CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
             DiskShare share = (DiskShare) session.connectShare("data")) {
            assertNotNull(share);
        }
    }

    private static boolean treeConnectLogged(ServerLogRecords log, long from) throws Exception {
        return log.since(from).stream().anyMatch(record -> record.contains("SMB tree connect of 'admin' to share 'data'"));
    }

    private static boolean awaitTreeConnectLogged(ServerLogRecords log, long from) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (treeConnectLogged(log, from)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private void assertAudited(String detail) throws Exception {
        Answer audit = api.get("audit?limit=20", admin);
        assertEquals(200, audit.status(), audit.body());
        List<JsonObject> entries = audit.array().getValuesAs(JsonObject.class);
        assertTrue(entries.stream().anyMatch(entry -> entry.getString("action").equals("settings.change")
                && entry.getBoolean("success") && entry.getString("actor").equals("admin")
                && detail.equals(entry.getString("detail", null))), "audited as '" + detail + "': " + audit.body());
    }

    /** One change of several settings, audited as one entry with each setting's part, in any order. */
    private void assertAuditedTogether(String... parts) throws Exception {
        Answer audit = api.get("audit?limit=20", admin);
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.array().getValuesAs(JsonObject.class).stream().anyMatch(entry ->
                entry.getString("action").equals("settings.change") && entry.getBoolean("success")
                        && entry.containsKey("detail") && java.util.Set.of(entry.getString("detail").split("; "))
                        .equals(java.util.Set.of(parts))), "audited as " + List.of(parts) + ": " + audit.body());
    }

    private static void assertRefused(Answer answer, String code, String field) {
        int status = "forbidden".equals(code) ? 403 : 400;
        assertEquals(status, answer.status(), answer.body());
        assertEquals(code, answer.code(), answer.body());
        if (field != null) {
            assertEquals(field, answer.field(), answer.body());
        }
    }

    /** No value waits for a restart: JSON-B leaves a null pendingRestart out. */
    private static boolean noPendingRestart(JsonObject setting) {
        return !setting.containsKey("pendingRestart") || setting.isNull("pendingRestart");
    }
}
