package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users through the admin API on the shared server: validation, uid allocation, conflicts, passwords, SMB logon. */
@ExtendWith(SharedCistern.class)
class AdminUsersIT {
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
    void invalidValuesAreRefusedNamingTheField() throws Exception {
        String name = "val-" + AdminApiIT.shortId();
        assertRefused(user("a/b", "good-pass-1"), "username");
        assertRefused(user("a\\b", "good-pass-1"), "username");
        assertRefused(user("tab\there", "good-pass-1"), "username");
        assertRefused(user("x".repeat(33), "good-pass-1"), "username");
        assertRefused(user("", "good-pass-1"), "username");
        assertRefused(user(name, "short"), "password");
        assertRefused(user(name, "good-pass-1").add("role", "superuser"), "role");
        assertRefused(user(name, "good-pass-1").add("uid", 0), "uid");
        assertRefused(user(name, "good-pass-1").add("primaryGroup", "no-such-group"), "primaryGroup");
        assertEquals(404, api.get("users/" + name, admin).status(), "nothing was created");
    }

    @Test
    void usersAreCreatedReadChangedAndDeleted() throws Exception {
        String name = "crud-" + AdminApiIT.shortId();
        Answer created = api.post("users", user(name, "first-pass-1").build(), admin);
        assertEquals(201, created.status(), created.body());
        JsonObject body = created.json();
        assertEquals(name, body.getString("username"));
        assertTrue(body.getInt("uid") >= 1000, body.toString());
        assertEquals("users", body.getString("primaryGroup"));
        assertEquals("viewer", body.getString("role"));
        assertTrue(body.getBoolean("smbLogon"), "the NT hash was sealed");
        assertFalse(created.body().contains("first-pass-1") || created.body().contains("PBKDF2"), created.body());
        assertTrue(created.raw().headers().firstValue("Location").orElse("").endsWith("/api/v1/users/" + name));

        Answer sameNameOtherCase = api.post("users", user(name.toUpperCase(), "first-pass-1").build(), admin);
        assertEquals(409, sameNameOtherCase.status(), sameNameOtherCase.body());
        assertEquals("username", sameNameOtherCase.field());

        Answer sameUid = api.post("users", user(name + "b", "first-pass-1").add("uid", body.getInt("uid")).build(), admin);
        assertEquals(409, sameUid.status(), sameUid.body());
        assertEquals("uid", sameUid.field());

        int explicit = 40_000 + (int) (Math.random() * 10_000);
        Answer withUid = api.post("users", user(name + "c", "first-pass-1").add("uid", explicit)
                .add("primaryGroup", "admins").add("role", "operator").build(), admin);
        assertEquals(201, withUid.status(), withUid.body());
        assertEquals(explicit, withUid.json().getInt("uid"));
        assertEquals("admins", withUid.json().getString("primaryGroup"));

        Answer changed = api.patch("users/" + name, Json.createObjectBuilder().add("role", "operator").build(), admin);
        assertEquals(200, changed.status(), changed.body());
        assertEquals("operator", changed.json().getString("role"));
        assertEquals("operator", api.get("users/" + name, admin).json().getString("role"));
        assertTrue(api.get("users", admin).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(u -> u.getString("username").equals(name)));

        assertEquals(204, api.delete("users/" + name, admin).status());
        assertEquals(404, api.get("users/" + name, admin).status());
        assertEquals(404, api.delete("users/" + name, admin).status());
    }

    @Test
    void theLastAdminCannotBeDemotedOrDeleted() throws Exception {
        Answer demote = api.patch("users/admin", Json.createObjectBuilder().add("role", "viewer").build(), admin);
        assertEquals(409, demote.status(), demote.body());
        assertEquals("last_admin", demote.code());
        assertEquals(409, api.delete("users/admin", admin).status());
    }

    @Test
    void ownPasswordChangeNeedsTheOldOneAndWorksForSmb() throws Exception {
        String name = "pw-" + AdminApiIT.shortId();
        assertEquals(201, api.post("users", user(name, "old-pass-11").build(), admin).status());
        JsonObject login = api.login(name, "old-pass-11").json();
        String token = login.getString("accessToken");

        Answer wrongOld = api.post("auth/me/password", Json.createObjectBuilder().add("oldPassword", "not-it-at-all")
                .add("newPassword", "new-pass-22").build(), token);
        assertEquals(400, wrongOld.status(), wrongOld.body());
        assertEquals("oldPassword", wrongOld.field());
        Answer tooShort = api.post("auth/me/password", Json.createObjectBuilder().add("oldPassword", "old-pass-11")
                .add("newPassword", "short").build(), token);
        assertEquals("newPassword", tooShort.field());

        assertEquals(204, api.post("auth/me/password", Json.createObjectBuilder().add("oldPassword", "old-pass-11")
                .add("newPassword", "new-pass-22").build(), token).status());
        assertEquals(401, api.login(name, "old-pass-11").status());
        assertEquals(200, api.login(name, "new-pass-22").status());
        assertEquals(401, api.post("auth/refresh", Json.createObjectBuilder()
                .add("refreshToken", login.getString("refreshToken")).build(), null).status(),
                "a password change ends the old logins");

        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort())) {
            Session session = connection.authenticate(new AuthenticationContext(name, "new-pass-22".toCharArray(), ""));
            assertNotNull(session.getSessionId());
            session.logoff();
        }
        try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1", cistern.smbPort())) {
            assertThrows(SMBApiException.class, () ->
                    connection.authenticate(new AuthenticationContext(name, "old-pass-11".toCharArray(), "")));
        }
    }

    private jakarta.json.JsonObjectBuilder user(String name, String password) {
        return Json.createObjectBuilder().add("username", name).add("password", password);
    }

    private void assertRefused(jakarta.json.JsonObjectBuilder request, String field) throws Exception {
        Answer answer = api.post("users", request.build(), admin);
        assertEquals(400, answer.status(), answer.body());
        assertEquals(field, answer.field(), answer.body());
        assertEquals("invalid_" + field, answer.code());
    }
}
