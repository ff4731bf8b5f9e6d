package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read-only views of the shared server (filesystem store) through the admin API: the default block store with
 * the shares using it and its statistics, the protocol listeners with their connections, and the settings in effect;
 * every role, no token, the methods not offered, and no secret in any answer.
 */
@ExtendWith(SharedCistern.class)
class AdminStoresAdaptersSettingsIT {
    private static final Duration JOB_LIMIT = Duration.ofSeconds(180);
    private static final Duration REPORT_LIMIT = Duration.ofSeconds(20);
    private static final Set<String> SETTING_NAMES = Set.of("CISTERN_DATA_DIR", "CISTERN_ADMIN_PASSWORD",
            "CISTERN_JOURNAL_CAPACITY_MB", "CISTERN_CACHE_MB", "CISTERN_AUDIT_MB_PER_SECOND", "CISTERN_DEFAULT_SCHEDULES",
            "CISTERN_GC_GRACE_SECONDS", "CISTERN_NLM_GRACE_SECONDS", "CISTERN_SMB_SIGNING_REQUIRED",
            "CISTERN_SMB_ENCRYPTION_REQUIRED", "CISTERN_STORE", "CISTERN_S3_ENDPOINT", "CISTERN_S3_BUCKET",
            "CISTERN_S3_PREFIX", "CISTERN_S3_REGION", "CISTERN_S3_PATH_STYLE", "CISTERN_S3_ACCESS_KEY",
            "CISTERN_S3_SECRET_KEY", "CISTERN_LOG_LEVEL", "CISTERN_SMB_LOGON_FAILURES_PER_MINUTE", "CISTERN_HTTPS_PORT", "CISTERN_TLS_KEYSTORE",
            "CISTERN_TLS_KEYSTORE_PASSWORD", "CISTERN_HTTP", "CISTERN_NFS_PORT", "CISTERN_NFS_BIND", "CISTERN_PORTMAPPER",
            "CISTERN_SMB_PORT", "CISTERN_SMB_BIND", "CISTERN_HTTP_PORT", "CISTERN_HTTP_BIND", "CISTERN_JAVA_OPTS",
            "CISTERN_READY_TIMEOUT", "CISTERN_NFS_IO_THREADS", "CISTERN_NFS_WORKERS", "CISTERN_SMB_IO_THREADS",
            "CISTERN_SMB_WORKERS");

    private CisternProcess cistern;
    private AdminApiClient api;
    private String admin;
    private String operator;
    private String viewer;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        this.operator = tokenOfNew("operator");
        this.viewer = tokenOfNew("viewer");
    }

    @Test
    void everyRoleSeesTheFilesystemStoreWithEveryShareAndItsStatistics() throws Exception {
        computeStatistics();

        for (String token : List.of(admin, operator, viewer)) {
            Answer stores = api.get("stores", token);
            assertEquals(200, stores.status(), stores.body());
            JsonObject store = stores.array().getJsonObject(0);
            assertEquals("default", store.getString("name"), "the default store comes first: " + stores.body());
            assertTrue(store.getBoolean("readOnly"), stores.body());
            assertEquals("filesystem", store.getString("kind"), stores.body());
            assertEquals(cistern.dataDirectory().resolve("blocks").toAbsolutePath().normalize().toString(),
                    store.getString("directory"), stores.body());
            assertFalse(store.containsKey("bucket") && !store.isNull("bucket"), "no S3 fields: " + stores.body());
            List<String> shares = store.getJsonArray("shares").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
            assertTrue(shares.contains("data"), stores.body());
            Answer all = api.get("shares", admin);
            assertEquals(all.array().getValuesAs(JsonObject.class).stream()
                    .filter(share -> share.getString("store").equals("default")).count(), shares.size(),
                    "every share on the default store: " + stores.body());
            JsonObject statistics = store.getJsonObject("statistics");
            assertEquals("default", statistics.getString("store"), "named by the store's name: " + stores.body());
            assertEquals("filesystem", statistics.getString("kind"), stores.body());
            assertNotNull(statistics.getString("computedAt"), stores.body());
            assertNoSecret(stores);
        }
    }

    @Test
    void theStoresNeedATokenAndTheCollectionIsNotReplacedWhole() throws Exception {
        assertError(api.get("stores", null), 401, null);
        assertError(api.get("stores", "not-a-token"), 401, null);
        Answer put = api.put("stores", Json.createObjectBuilder().add("kind", "s3").build(), admin);
        assertError(put, 405, "method_not_allowed");
        // adding one is AdminStoresIT's: an empty one is refused, naming the field
        assertError(api.post("stores", Json.createObjectBuilder().build(), admin), 400, "invalid_name");
    }

    @Test
    void everyRoleSeesBothListenersWithTheirPortsAndAnSmbConnectionIsCounted() throws Exception {
        for (String token : List.of(admin, operator, viewer)) {
            Map<String, JsonObject> adapters = adapters(token);
            assertEquals(Set.of("NFS", "SMB"), adapters.keySet());
            for (Map.Entry<String, Integer> expected : Map.of("NFS", cistern.nfsPort(), "SMB", cistern.smbPort())
                    .entrySet()) {
                JsonObject adapter = adapters.get(expected.getKey());
                assertEquals("LISTENING", adapter.getString("state"), adapter.toString());
                assertTrue(adapter.getBoolean("listening"), adapter.toString());
                assertEquals("127.0.0.1", adapter.getString("address"), adapter.toString());
                assertEquals(expected.getValue().intValue(), adapter.getInt("port"), adapter.toString());
                assertTrue(adapter.getInt("connections") >= 0, adapter.toString());
            }
        }
        try (SMBClient client = new SMBClient(); Session session = client.connect("127.0.0.1", cistern.smbPort())
                .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))) {
            assertNotNull(session);
            long deadline = System.nanoTime() + REPORT_LIMIT.toNanos();
            while (adapters(viewer).get("SMB").getInt("connections") < 1) {
                assertTrue(System.nanoTime() < deadline, "the open SMB connection is not counted within "
                        + REPORT_LIMIT + ": " + adapters(viewer));
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        assertError(api.get("adapters", null), 401, null);
        assertError(api.put("adapters", Json.createObjectBuilder().build(), admin), 405, "method_not_allowed");
    }

    @Test
    void adminsAndOperatorsSeeTheSettingsWithSecretsOnlySetOrUnsetAndViewersMayNot() throws Exception {
        for (String token : List.of(admin, operator)) {
            Answer answer = api.get("settings", token);
            assertEquals(200, answer.status(), answer.body());
            Map<String, JsonObject> settings = answer.array().getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(setting -> setting.getString("name"), Function.identity()));
            assertEquals(SETTING_NAMES, settings.keySet());
            assertEquals("off", settings.get("CISTERN_DEFAULT_SCHEDULES").getString("value"), "the server's own value");
            assertEquals("filesystem", settings.get("CISTERN_STORE").getString("value"));
            assertEquals(cistern.dataDirectory().toAbsolutePath().normalize().toString(),
                    settings.get("CISTERN_DATA_DIR").getString("value"));
            for (String secret : List.of("CISTERN_ADMIN_PASSWORD", "CISTERN_S3_SECRET_KEY", "CISTERN_S3_ACCESS_KEY",
                    "CISTERN_TLS_KEYSTORE_PASSWORD")) {
                JsonObject setting = settings.get(secret);
                assertTrue(setting.getBoolean("secret"), setting.toString());
                assertTrue(Set.of("set", "unset").contains(setting.getString("value")), setting.toString());
            }
            assertEquals("unset", settings.get("CISTERN_S3_SECRET_KEY").getString("value"));
            assertEquals("environment", settings.get("CISTERN_DEFAULT_SCHEDULES").getString("source"));
            assertEquals("default", settings.get("CISTERN_JOURNAL_CAPACITY_MB").getString("source"),
                    "a default the launcher did not hand over as if it were set");
            assertFalse(settings.get("CISTERN_DATA_DIR").getBoolean("runtime"));
            assertFalse(settings.get("CISTERN_DATA_DIR").getBoolean("changeable"));
            JsonObject nfsPort = settings.get("CISTERN_NFS_PORT");
            assertEquals(Integer.toString(cistern.nfsPort()), nfsPort.getString("value"), "the launcher's own setting");
            assertEquals("environment", nfsPort.getString("source"), nfsPort.toString());
            assertTrue(nfsPort.getBoolean("changeable") && !nfsPort.getBoolean("runtime"), nfsPort.toString());
            assertEquals("-Xmx512m", settings.get("CISTERN_JAVA_OPTS").getString("value"));
            assertTrue(settings.get("CISTERN_SMB_SIGNING_REQUIRED").getBoolean("runtime"));
            assertNoSecret(answer);
        }
        assertError(api.get("settings", viewer), 403, "forbidden");
        assertError(api.get("settings", null), 401, null);
        assertError(api.put("settings", Json.createObjectBuilder().build(), admin), 405, "method_not_allowed");
    }

    /** Runs the statistics job, or waits for the run another class started. */
    private void computeStatistics() throws Exception {
        JobsApi jobs = new JobsApi(api);
        Answer started = jobs.start("stats", Map.of(), null, operator);
        long id;
        if (started.status() == 409) {
            id = api.get("jobs/stats", viewer).json().getJsonNumber("runningExecution").longValue();
        } else {
            assertEquals(202, started.status(), started.body());
            id = started.json().getJsonNumber("id").longValue();
        }
        JsonObject done = jobs.awaitEnd("stats", id, viewer, JOB_LIMIT);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
    }

    private Map<String, JsonObject> adapters(String token) throws Exception {
        Answer answer = api.get("adapters", token);
        assertEquals(200, answer.status(), answer.body());
        assertNoSecret(answer);
        return answer.array().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(adapter -> adapter.getString("protocol"), Function.identity()));
    }

    private static void assertNoSecret(Answer answer) {
        assertFalse(answer.body().contains(CisternProcess.ADMIN_PASSWORD), "the admin password: " + answer.body());
        assertFalse(answer.body().toLowerCase(java.util.Locale.ROOT).contains("secretkey"), answer.body());
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{"), "a JSON error: " + answer.body());
        if (code != null) {
            assertEquals(code, answer.code(), answer.body());
        }
    }

    private String tokenOfNew(String role) throws Exception {
        return api.tokenOfNewUser(admin, role + "-", role, "views-pass-1");
    }
}
