package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Switching the NFS and SMB listeners off and on through the admin API on the shared server, and the list of
 * connected clients: a switched-off protocol refuses new connections and has closed its open ones while the other
 * protocol serves on; switched on, it serves on the same port again. Every test leaves both listeners on (the other
 * classes of the group share this server).
 */
@ExtendWith(SharedCistern.class)
class AdminAdapterSwitchIT {
    /** The adapter asks every second; its state report and a closed connection follow at once. */
    private static final Duration SWITCH_LIMIT = Duration.ofSeconds(15);
    /** The adapters report their clients every 2 s when they changed, a session's names one report later. */
    private static final Duration CLIENTS_LIMIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "switch-it-password";

    private CisternProcess cistern;
    private AdminApiClient api;
    private String admin;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    /** Whatever a test did, both listeners are on and listening again before the next class uses the server. */
    @AfterEach
    void bothListenersOn() throws Exception {
        for (String protocol : List.of("nfs", "smb")) {
            api.put("adapters/" + protocol, Json.createObjectBuilder().add("enabled", true).build(), admin);
        }
        awaitState("NFS", "LISTENING");
        awaitState("SMB", "LISTENING");
    }

    @Test
    void smbSwitchedOffRefusesAndClosesItsConnectionsWhileNfsServesThenServesTheSamePortAgain() throws Exception {
        long since = newestAuditId();
        int smbPort = cistern.smbPort();
        awaitState("SMB", "LISTENING");
        try (SMBClient client = new SMBClient(); Socket idle = new Socket("127.0.0.1", smbPort)) {
            Session session = client.connect("127.0.0.1", smbPort).authenticate(adminLogon());
            awaitTrue(() -> smbConnections() >= 2, "both connections counted");

            Answer off = switchTo("smb", false);
            assertEquals(200, off.status(), off.body());
            assertFalse(off.json().getBoolean("enabled"), off.body());
            awaitState("SMB", "DISABLED");
            JsonObject smb = adapters().get("SMB");
            assertFalse(smb.getBoolean("listening"), smb.toString());
            assertEquals(smbPort, smb.getInt("port"), "the port is still shown: " + smb);

            idle.setSoTimeout((int) SWITCH_LIMIT.toMillis());
            assertEquals(-1, idle.getInputStream().read(), "the server closed the idle connection");
            // smbj learns of the close by its reader thread; a request on the session can no longer be answered
            assertThrows(Exception.class, () -> session.connectShare("data"), "the logged-on connection is closed");
            awaitTrue(() -> smbConnections() == 0, "no SMB connection left open");
            assertRefused(smbPort);
            try (SMBClient another = new SMBClient()) {
                assertThrows(IOException.class, () -> another.connect("127.0.0.1", smbPort), "smbj cannot connect");
            }
            assertNfsServes();
        }

        Answer on = switchTo("smb", true);
        assertEquals(200, on.status(), on.body());
        assertTrue(on.json().getBoolean("enabled"), on.body());
        awaitState("SMB", "LISTENING");
        try (SMBClient client = new SMBClient(); Connection again = client.connect("127.0.0.1", smbPort);
             Session session = again.authenticate(adminLogon());
             DiskShare share = (DiskShare) session.connectShare("data")) {
            assertTrue(share.folderExists(""), "the share serves again");
        }
        assertTrue(auditLogHas("adapter.disable", "smb", true, since), "the switch off is audited");
        assertTrue(auditLogHas("adapter.enable", "smb", true, since), "the switch on is audited");
    }

    @Test
    void nfsSwitchedOffClosesItsPortWhileSmbServesThenServesTheSamePortAgain() throws Exception {
        long since = newestAuditId();
        int nfsPort = cistern.nfsPort();
        awaitState("NFS", "LISTENING");
        try (Nfs3TestClient open = new Nfs3TestClient(nfsPort, 0, 0)) {
            assertEquals(Nfs3TestClient.OK, open.mount("/data").status());

            assertEquals(200, switchTo("nfs", false).status());
            awaitState("NFS", "DISABLED");
            assertRefused(nfsPort);
            // the server closed the open connection: a call on it fails instead of being answered
            assertThrows(IOException.class, () -> open.mount("/data"), "the open NFS connection is closed");
            try (SMBClient client = new SMBClient(); Connection smb = client.connect("127.0.0.1", cistern.smbPort());
                 Session session = smb.authenticate(adminLogon());
                 DiskShare share = (DiskShare) session.connectShare("data")) {
                assertTrue(share.folderExists(""), "SMB serves while NFS is off");
            }
        }

        assertEquals(200, switchTo("nfs", true).status());
        awaitState("NFS", "LISTENING");
        try (Nfs3TestClient again = new Nfs3TestClient(nfsPort, 0, 0)) {
            assertEquals(Nfs3TestClient.OK, again.mount("/data").status(), "NFS serves on the same port again");
        }
        assertTrue(auditLogHas("adapter.disable", "nfs", true, since));
        assertTrue(auditLogHas("adapter.enable", "nfs", true, since));
    }

    @Test
    void onlyAdminsSwitchAndEveryBadRequestIsAClearErrorThatIsAudited() throws Exception {
        long since = newestAuditId();
        String operator = api.tokenOfNewUser(admin, "swop", "operator", PASSWORD);
        String viewer = api.tokenOfNewUser(admin, "swvi", "viewer", PASSWORD);
        JsonObject off = Json.createObjectBuilder().add("enabled", false).build();
        assertError(api.put("adapters/smb", off, operator), 403, null);
        assertError(api.put("adapters/nfs", off, viewer), 403, null);
        assertError(api.put("adapters/smb", off, null), 401, null);
        assertError(api.put("adapters/ftp", off, admin), 404, "not_found");
        Answer missing = api.put("adapters/smb", Json.createObjectBuilder().build(), admin);
        assertError(missing, 400, "invalid_enabled");
        assertEquals("enabled", missing.field());
        Answer wrongType = api.put("adapters/nfs", Json.createObjectBuilder().add("enabled", "no").build(), admin);
        assertError(wrongType, 400, "invalid_enabled");
        assertEquals("enabled", wrongType.field());
        assertError(api.put("adapters/nfs", Json.createObjectBuilder().add("enabled", JsonValue.NULL).build(), admin),
                400, "invalid_enabled");
        assertTrue(auditLogHas("adapter.disable", "ftp", false, since), "the unknown protocol is audited as refused");
        assertTrue(auditLogHas("adapter.switch", "smb", false, since), "the body without a boolean is audited as refused");

        for (String token : List.of(admin, operator, viewer)) {
            Answer answer = api.get("adapters", token);
            assertEquals(200, answer.status(), answer.body());
            Map<String, JsonObject> adapters = byProtocol(answer);
            assertTrue(adapters.get("NFS").getBoolean("enabled"), answer.body());
            assertTrue(adapters.get("SMB").getBoolean("enabled"), answer.body());
            assertTrue(isAbsent(adapters.get("NFS"), "sessions"), "NFS has no sessions: " + answer.body());
            assertTrue(adapters.get("SMB").getInt("sessions") >= 0, answer.body());
            assertEquals(200, api.get("clients", token).status());
        }
        assertError(api.get("clients", null), 401, null);
        assertEquals("LISTENING", adapters().get("SMB").getString("state"), "nothing refused was switched");
        assertEquals("LISTENING", adapters().get("NFS").getString("state"), "nothing refused was switched");
    }

    @Test
    void connectedSmbAndNfsClientsAreListedWithWhoTheyAreUntilTheyDisconnect() throws Exception {
        String name = "swcl" + AdminApiIT.shortId();
        Answer created = api.post("users", Json.createObjectBuilder().add("username", name).add("role", "viewer")
                .add("password", PASSWORD).build(), admin);
        assertEquals(201, created.status(), created.body());
        String viewer = api.accessToken(name, PASSWORD);
        Predicate<JsonObject> mySmbSession = client -> client.getString("protocol").equals("SMB")
                && strings(client, "users").contains(name);

        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort());
             Session session = connection.authenticate(new AuthenticationContext(name, PASSWORD.toCharArray(), ""));
             DiskShare share = (DiskShare) session.connectShare("data")) {
            assertTrue(share.folderExists(""));
            JsonObject listed = awaitClient(viewer, mySmbSession.and(c -> strings(c, "shares").contains("data")),
                    "the SMB session with its user and share");
            assertEquals("127.0.0.1", listed.getString("address"), listed.toString());
            assertTrue(listed.getInt("port") > 0, listed.toString());
            assertTrue(listed.getInt("sessions") >= 1, listed.toString());
            assertFalse(listed.getString("since").isEmpty(), listed.toString());
            assertTrue(adapters().get("SMB").getInt("sessions") >= 1, adapters().toString());
        }
        awaitNoClient(viewer, mySmbSession, "the SMB connection gone after it closed");

        int uid = 40_000 + (int) (System.nanoTime() % 10_000);
        Predicate<JsonObject> myNfsConnection = client -> client.getString("protocol").equals("NFS")
                && !isAbsent(client, "uid") && client.getInt("uid") == uid;
        try (Nfs3TestClient nfs = new Nfs3TestClient(cistern.nfsPort(), uid, 100)) {
            assertEquals(Nfs3TestClient.OK, nfs.mount("/data").status());
            JsonObject listed = awaitClient(viewer, myNfsConnection, "the NFS connection with its AUTH_SYS uid");
            assertEquals("crash-it", listed.getString("machineName"), listed.toString());
            assertEquals("127.0.0.1", listed.getString("address"), listed.toString());
            assertTrue(strings(listed, "exports").contains("/data"), "the mounted export: " + listed);
            assertTrue(strings(listed, "users").isEmpty(), listed.toString());
        }
        awaitNoClient(viewer, myNfsConnection, "the NFS connection gone after it closed");
    }

    @Test
    void theOpenApiDocumentDescribesTheSwitchAndTheClients() throws Exception {
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        for (String expected : new String[] {"/api/v1/adapters/{protocol}", "/api/v1/clients", "AdapterSwitch",
                "Client", "Switch a listener off or on", "(field: enabled)", "\"404\""}) {
            assertTrue(openapi.contains(expected), "OpenAPI lacks " + expected);
        }
    }

    private static AuthenticationContext adminLogon() {
        return new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), "");
    }

    private Answer switchTo(String protocol, boolean enabled) throws Exception {
        return api.put("adapters/" + protocol, Json.createObjectBuilder().add("enabled", enabled).build(), admin);
    }

    private int smbConnections() {
        try {
            return adapters().get("SMB").getInt("connections");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, JsonObject> adapters() throws Exception {
        Answer answer = api.get("adapters", admin);
        assertEquals(200, answer.status(), answer.body());
        return byProtocol(answer);
    }

    private static Map<String, JsonObject> byProtocol(Answer answer) {
        return answer.array().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(adapter -> adapter.getString("protocol"), adapter -> adapter));
    }

    private void awaitState(String protocol, String state) throws Exception {
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (!adapters().get(protocol).getString("state").equals(state)) {
            assertTrue(System.nanoTime() < deadline, protocol + " not " + state + " within " + SWITCH_LIMIT + ": "
                    + adapters());
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private JsonObject awaitClient(String token, Predicate<JsonObject> which, String what) throws Exception {
        long deadline = System.nanoTime() + CLIENTS_LIMIT.toNanos();
        while (true) {
            Answer answer = api.get("clients", token);
            assertEquals(200, answer.status(), answer.body());
            Optional<JsonObject> found = answer.array().getValuesAs(JsonObject.class).stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertTrue(System.nanoTime() < deadline, what + " not listed within " + CLIENTS_LIMIT + ": " + answer.body());
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private void awaitNoClient(String token, Predicate<JsonObject> which, String what) throws Exception {
        long deadline = System.nanoTime() + CLIENTS_LIMIT.toNanos();
        while (true) {
            Answer answer = api.get("clients", token);
            if (answer.array().getValuesAs(JsonObject.class).stream().noneMatch(which)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, what + ": still listed after " + CLIENTS_LIMIT + ": "
                    + answer.body());
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** Null, or left out as JSON-B leaves out nulls. */
    private static boolean isAbsent(JsonObject object, String name) {
        return !object.containsKey(name) || object.isNull(name);
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static void assertRefused(int port) {
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }, "a new TCP connection to port " + port + " is refused");
    }

    private void assertNfsServes() throws IOException {
        try (Nfs3TestClient nfs = new Nfs3TestClient(cistern.nfsPort(), 0, 0)) {
            assertEquals(Nfs3TestClient.OK, nfs.mount("/data").status(), "NFS serves while SMB is off");
        }
    }

    /**
     * Whether the audit log has this event by admin after the event numbered {@code since}: other tests on the same
     * server (the console's) switch listeners too, so an older event proves nothing about this test's switch.
     */
    private boolean auditLogHas(String action, String target, boolean success, long since) throws Exception {
        return api.get("audit?limit=200", admin).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getJsonNumber("id").longValue() > since && e.getString("action").equals(action)
                        && e.getString("target").equals(target) && e.getBoolean("success") == success
                        && e.getString("actor").equals("admin"));
    }

    /** The number of the newest audit event so far; 0 when there is none. */
    private long newestAuditId() throws Exception {
        List<JsonObject> newest = api.get("audit?limit=1", admin).array().getValuesAs(JsonObject.class);
        return newest.isEmpty() ? 0 : newest.get(0).getJsonNumber("id").longValue();
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{"), "a JSON error: " + answer.body());
        if (code != null) {
            assertEquals(code, answer.code(), answer.body());
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
