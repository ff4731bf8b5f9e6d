package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API's authentication and authorization against the shared server: login, tokens (tampered, forged,
 * expired), refresh rotation, logout, the role matrix, the failed-login throttle, audit entries and OpenAPI.
 * Failed logins from 127.0.0.1 stay below the throttle's 5 a minute across these classes; the throttle itself is
 * tested from 127.0.0.2.
 */
@ExtendWith(SharedCistern.class)
class AdminApiIT {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = CisternProcess.ADMIN_PASSWORD;

    private CisternProcess cistern;
    private AdminApiClient api;

    @BeforeEach
    void connect(CisternProcess cistern) {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
    }

    @Test
    void loginGivesAShortLivedAccessTokenThatOpensMe() throws Exception {
        Answer login = api.login(ADMIN, ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body());
        JsonObject tokens = login.json();
        assertEquals("Bearer", tokens.getString("tokenType"));
        assertEquals(900, tokens.getInt("expiresIn"));
        assertEquals("admin", tokens.getString("role"));
        assertFalse(tokens.getString("refreshToken").isEmpty());
        JsonObject claims = payload(tokens.getString("accessToken"));
        assertEquals("cistern", claims.getString("iss"));
        assertEquals(900, claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());

        Answer me = api.get("auth/me", tokens.getString("accessToken"));
        assertEquals(200, me.status(), me.body());
        assertEquals("admin", me.json().getString("username"));
        assertEquals("admin", me.json().getString("role"));
        assertFalse(me.body().toLowerCase().contains("hash\""), me.body());

        Answer anonymous = api.get("auth/me", null);
        assertEquals(401, anonymous.status());
        assertEquals("unauthenticated", anonymous.code());
        assertTrue(anonymous.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        Answer wrongPassword = api.login(ADMIN, "not-the-password");
        Answer unknownUser = api.login("nobody-" + UUID.randomUUID().toString().substring(0, 8), "not-the-password");
        assertEquals(401, wrongPassword.status());
        assertEquals(wrongPassword.status(), unknownUser.status());
        assertEquals(wrongPassword.body(), unknownUser.body());
        assertEquals("invalid_credentials", wrongPassword.code());
        assertEquals(400, api.login(ADMIN, "").status(), "an empty password is a bad request, not a failed login");
    }

    @Test
    void tamperedForgedAndExpiredTokensAreRefused() throws Exception {
        String token = api.accessToken(ADMIN, ADMIN_PASSWORD);
        assertEquals(200, api.get("auth/me", token).status());

        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[5] ^= 0x01;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        assertInvalid(flipped);

        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertInvalid(unsigned);

        String promoted = b64(payload(token).toString().replace("\"admin\"]", "\"viewer\"]"));
        assertInvalid(parts[0] + "." + promoted + "." + parts[2]);

        // signed with the server's own key (read from the data directory): only the claims decide
        Path keyFile = cistern.dataDirectory().resolve("admin-token.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        byte[] key = Files.readAllBytes(keyFile);
        long now = Instant.now().getEpochSecond();
        assertEquals(200, api.get("auth/me", signed(key, "cistern", now + 600)).status(), "a well-made token works");
        assertInvalid(signed(key, "cistern", now - 5));
        assertInvalid(signed(key, "someone-else", now + 600));
        byte[] otherKey = key.clone();
        otherKey[0] ^= 0x55;
        assertInvalid(signed(otherKey, "cistern", now + 600));
    }

    @Test
    void refreshTokensRotateAndAReplayEndsTheLogin() throws Exception {
        JsonObject first = api.login(ADMIN, ADMIN_PASSWORD).json();
        Answer refreshed = refresh(first.getString("refreshToken"));
        assertEquals(200, refreshed.status(), refreshed.body());
        String second = refreshed.json().getString("refreshToken");
        assertNotEquals(first.getString("refreshToken"), second);
        assertEquals(200, api.get("auth/me", refreshed.json().getString("accessToken")).status());

        Answer replay = refresh(first.getString("refreshToken"));
        assertEquals(401, replay.status());
        assertEquals("invalid_refresh_token", replay.code());
        assertEquals(401, refresh(second).status(), "a replayed token revokes its successors too");
        assertEquals(401, refresh("not-a-token").status());
    }

    @Test
    void logoutRevokesTheRefreshToken() throws Exception {
        String refreshToken = api.login(ADMIN, ADMIN_PASSWORD).json().getString("refreshToken");
        assertEquals(204, api.post("auth/logout", Json.createObjectBuilder().add("refreshToken", refreshToken).build(),
                null).status());
        assertEquals(401, refresh(refreshToken).status());
    }

    @Test
    void everyRoleGetsExactlyItsEndpoints() throws Exception {
        String admin = api.accessToken(ADMIN, ADMIN_PASSWORD);
        String operator = api.accessToken(createUser(admin, "operator"), "role-pass-1");
        String viewer = api.accessToken(createUser(admin, "viewer"), "role-pass-1");
        JsonObject newUser = Json.createObjectBuilder().add("username", "never-" + shortId())
                .add("password", "whatever-1").build();

        for (String token : new String[] {admin, operator, viewer}) {
            assertEquals(200, api.get("users", token).status());
            assertEquals(200, api.get("users/admin", token).status());
            assertEquals(200, api.get("auth/me", token).status());
        }
        assertEquals(403, api.post("users", newUser, operator).status());
        assertEquals("forbidden", api.post("users", newUser, viewer).code());
        assertEquals(403, api.delete("users/admin", viewer).status());
        assertEquals(403, api.patch("users/admin", Json.createObjectBuilder().add("role", "viewer").build(), operator)
                .status());
        assertEquals(200, api.get("audit", admin).status());
        assertEquals(403, api.get("audit", operator).status());
        assertEquals(403, api.get("audit", viewer).status());
        assertEquals(401, api.get("audit", null).status());
        assertEquals(401, api.get("users", "garbage").status());
        assertEquals(200, api.get("status", null).status(), "status stays public");
    }

    @Test
    void failedLoginsAreThrottledPerAddress() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        String wrong = "{\"username\":\"admin\",\"password\":\"wrong-password\"}";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, AddressedLogin.from(other, cistern.httpPort(), wrong).status(), "attempt " + (i + 1));
        }
        AddressedLogin.Answer refused = AddressedLogin.from(other, cistern.httpPort(), wrong);
        assertEquals(429, refused.status());
        assertTrue(refused.text().contains("Retry-After"), refused.text());
        String right = "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
        assertEquals(429, AddressedLogin.from(other, cistern.httpPort(), right).status(), "even the right password waits");
        assertEquals(200, api.login(ADMIN, ADMIN_PASSWORD).status(), "other addresses are not affected");
    }

    @Test
    void loginsAndChangesAreAudited() throws Exception {
        String claimed = "audit-probe-" + shortId();
        assertEquals(401, api.login(claimed, "wrong-password").status());
        String admin = api.accessToken(ADMIN, ADMIN_PASSWORD);
        String created = createUser(admin, "viewer");

        Answer audit = api.get("audit?limit=50", admin);
        assertEquals(200, audit.status(), audit.body());
        var events = audit.array().getValuesAs(JsonObject.class);
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("auth.login")
                && e.getString("actor").equals(claimed) && !e.getBoolean("success")
                && e.getString("address").equals("127.0.0.1")), audit.body());
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("user.create")
                && e.getString("actor").equals("admin") && e.getString("target").equals(created)
                && e.getBoolean("success") && e.containsKey("at") && e.getString("address").equals("127.0.0.1")),
                audit.body());
        assertTrue(events.get(0).getJsonNumber("id").longValue() > events.get(events.size() - 1).getJsonNumber("id")
                .longValue(), "newest first");
        assertFalse(audit.body().contains("role-pass-1"), "no password in the audit log");
        assertEquals("invalid_limit", api.get("audit?limit=0", admin).code());
    }

    @Test
    void errorsAreJsonWithoutStackTraces() throws Exception {
        String admin = api.accessToken(ADMIN, ADMIN_PASSWORD);
        Answer malformed = api.postRaw("users", "{\"username\": ", admin);
        assertEquals(400, malformed.status(), malformed.body());
        assertFalse(malformed.code().isEmpty());
        assertFalse(malformed.body().contains("Exception"), malformed.body());
        Answer missing = api.get("users/no-such-user-" + shortId(), admin);
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.code());
    }

    @Test
    void openApiDocumentsTheEndpointsAndTheErrorShape() throws Exception {
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        for (String expected : new String[] {"/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
                "/api/v1/auth/me", "/api/v1/auth/me/password", "/api/v1/users", "/api/v1/users/{username}", "/api/v1/groups", "/api/v1/groups/{name}/members/{username}",
                "/api/v1/audit", "Error:", "bearer", "\"401\"", "\"403\"", "\"409\""}) {
            assertTrue(openapi.contains(expected), "OpenAPI lacks " + expected);
        }
    }

    /** A new account with this role and the password role-pass-1; returns its name. */
    private String createUser(String adminToken, String role) throws Exception {
        String name = role + "-" + shortId();
        Answer created = api.post("users", Json.createObjectBuilder().add("username", name).add("role", role)
                .add("password", "role-pass-1").build(), adminToken);
        assertEquals(201, created.status(), created.body());
        return name;
    }

    private Answer refresh(String refreshToken) throws Exception {
        return api.post("auth/refresh", Json.createObjectBuilder().add("refreshToken", refreshToken).build(), null);
    }

    private void assertInvalid(String token) throws Exception {
        Answer answer = api.get("auth/me", token);
        assertEquals(401, answer.status(), answer.body());
        assertEquals("invalid_token", answer.code());
    }

    private static String signed(byte[] key, String issuer, long expiresAt) throws Exception {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64(Json.createObjectBuilder().add("iss", issuer).add("sub", "admin")
                .add("groups", Json.createArrayBuilder().add("admin")).add("iat", expiresAt - 900)
                .add("exp", expiresAt).build().toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static JsonObject payload(String token) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new java.io.StringReader(json)).readObject();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
