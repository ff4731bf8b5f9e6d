package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shares through the admin API on the shared server: CRUD, name rules, conflicts, emptiness, roles, audit. */
@ExtendWith(SharedCistern.class)
class AdminSharesIT {
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
    void sharesAreCreatedChangedAndDeleted() throws Exception {
        String name = "Share-" + AdminApiIT.shortId();
        Answer created = api.post("shares", Json.createObjectBuilder().add("name", name).build(), admin);
        assertEquals(201, created.status(), created.body());
        JsonObject share = created.json();
        assertEquals("/" + name, share.getString("exportPath"));
        assertFalse(share.getBoolean("readOnly"));
        assertTrue(share.getBoolean("rootSquash"), "exports(5) default");
        assertEquals(65534, share.getInt("anonUid"));
        assertTrue(share.getJsonArray("allowedNetworks").isEmpty());
        assertTrue(share.getJsonArray("permissions").isEmpty());

        Answer sameName = api.post("shares", Json.createObjectBuilder().add("name", name.toLowerCase()).build(), admin);
        assertEquals(409, sameName.status(), sameName.body());
        assertEquals("name", sameName.field());
        assertEquals(200, api.get("shares/" + name.toUpperCase(), admin).status(), "found ignoring case");

        Answer changed = api.patch("shares/" + name, Json.createObjectBuilder().add("readOnly", true).add("allSquash", true)
                .add("anonGid", 100).add("allowedNetworks", Json.createArrayBuilder().add("10.0.0.0/8").add("::1"))
                .build(), admin);
        assertEquals(200, changed.status(), changed.body());
        assertTrue(changed.json().getBoolean("readOnly"));
        assertTrue(changed.json().getBoolean("allSquash"));
        assertEquals(100, changed.json().getInt("anonGid"));
        assertEquals(List.of("10.0.0.0/8", "::1"), changed.json().getJsonArray("allowedNetworks")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertTrue(api.get("shares", admin).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> s.getString("name").equals(name) && s.getBoolean("readOnly")));

        assertFieldRefused(api.patch("shares/" + name, Json.createObjectBuilder().add("allowedNetworks",
                Json.createArrayBuilder().add("10.0.0.0/33")).build(), admin), "allowedNetworks");
        assertFieldRefused(api.patch("shares/" + name, Json.createObjectBuilder().add("anonUid", -1).build(), admin),
                "anonUid");
        assertEquals(List.of("10.0.0.0/8", "::1"), api.get("shares/" + name, admin).json().getJsonArray("allowedNetworks")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(), "a refused change changes nothing");

        assertEquals(204, api.delete("shares/" + name, admin).status());
        Answer gone = api.get("shares/" + name, admin);
        assertEquals(404, gone.status());
        assertEquals("not_found", gone.code());
        assertEquals(404, api.delete("shares/" + name, admin).status());
    }

    @Test
    void namesBreakingTheRulesAreRefusedNamingTheField() throws Exception {
        for (String bad : List.of("", "x".repeat(81), "a/b", "a\\b", "a:b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b",
                "a\u0001b", "IPC$", "ipc$", " lead", "..")) {
            Answer refused = api.post("shares", Json.createObjectBuilder().add("name", bad).build(), admin);
            assertFieldRefused(refused, "name");
        }
        Answer noBody = api.postRaw("shares", "null", admin);
        assertEquals(400, noBody.status(), noBody.body());
        assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", "y".repeat(80)).build(), admin)
                .status(), "80 characters are allowed");
        assertEquals(204, api.delete("shares/" + "y".repeat(80), admin).status());
    }

    @Test
    void aShareWithFilesIsNotDeletedAndAnEmptyOneGoesWithItsRoot() throws Exception {
        String name = "full-" + AdminApiIT.shortId();
        assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", name).build(), admin).status());
        try (SMBClient client = new SMBClient()) {
            Session session = logOn(client, "admin", CisternProcess.ADMIN_PASSWORD);
            try (DiskShare share = (DiskShare) session.connectShare(name)) {
                share.mkdir("kept");
            }
            Answer refused = api.delete("shares/" + name, admin);
            assertEquals(409, refused.status(), refused.body());
            assertEquals("not_empty", refused.code());
            assertTrue(refused.json().getString("message").contains("still holds files"), refused.body());
            try (DiskShare share = (DiskShare) session.connectShare(name)) {
                assertTrue(share.folderExists("kept"), "nothing was removed");
                share.rmdir("kept", false);
            }
            assertEquals(204, api.delete("shares/" + name, admin).status());
            SMBApiException gone = assertThrows(SMBApiException.class, () -> session.connectShare(name));
            assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, gone.getStatus());
        }
    }

    @Test
    void viewersReadSharesOperatorsChangeThem() throws Exception {
        String viewer = tokenOfNew("viewer");
        String operator = tokenOfNew("operator");
        String name = "roles-" + AdminApiIT.shortId();
        JsonObject body = Json.createObjectBuilder().add("name", name).build();
        assertEquals(403, api.post("shares", body, viewer).status(), "a viewer cannot create");
        assertEquals(201, api.post("shares", body, operator).status());
        assertEquals(200, api.get("shares", viewer).status());
        assertEquals(200, api.get("shares/" + name, viewer).status());
        assertEquals(403, api.patch("shares/" + name, Json.createObjectBuilder().add("readOnly", true).build(), viewer)
                .status());
        assertEquals(403, api.put("shares/" + name + "/permissions/users/admin", level("read"), viewer).status());
        assertEquals(403, api.delete("shares/" + name, viewer).status());
        assertEquals(401, api.get("shares", null).status());
        assertEquals(200, api.patch("shares/" + name, Json.createObjectBuilder().add("readOnly", true).build(), operator)
                .status());
        assertEquals(200, api.put("shares/" + name + "/permissions/users/admin", level("read"), operator).status());
        assertEquals(200, api.get("shares/" + name + "/permissions/users/admin", viewer).status());
        assertEquals(204, api.delete("shares/" + name, operator).status());
    }

    @Test
    void permissionRowsAreSetReadAndRemoved() throws Exception {
        String name = "perm-" + AdminApiIT.shortId();
        assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", name).build(), admin).status());
        String path = "shares/" + name + "/permissions/";
        assertEquals(404, api.get(path + "users/admin", admin).status(), "no row yet");
        Answer set = api.put(path + "groups/admins", level("read-write"), admin);
        assertEquals(200, set.status(), set.body());
        assertEquals("read-write", set.json().getString("level"));
        assertEquals("group", set.json().getString("kind"));
        assertEquals(200, api.put(path + "groups/admins", level("read"), admin).status(), "changed, not doubled");
        assertEquals("read", api.get(path + "groups/admins", admin).json().getString("level"));
        assertFieldRefused(api.put(path + "users/admin", level("write"), admin), "level");
        assertEquals(404, api.put(path + "users/no-such-user-" + AdminApiIT.shortId(), level("read"), admin).status());
        assertEquals(404, api.put("shares/no-such-share-" + AdminApiIT.shortId() + "/permissions/users/admin",
                level("read"), admin).status());
        assertEquals(404, api.get(path + "people/admin", admin).status(), "only users and groups");
        var rows = api.get("shares/" + name, admin).json().getJsonArray("permissions").getValuesAs(JsonObject.class);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("admins", rows.get(0).getString("principal"));
        assertEquals(204, api.delete(path + "groups/admins", admin).status());
        assertEquals(404, api.delete(path + "groups/admins", admin).status());
        assertTrue(api.get("shares/" + name, admin).json().getJsonArray("permissions").isEmpty());
        assertEquals(204, api.delete("shares/" + name, admin).status());
    }

    @Test
    void everyShareChangeIsAudited() throws Exception {
        String name = "audited-" + AdminApiIT.shortId();
        assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", name).build(), admin).status());
        assertEquals(409, api.post("shares", Json.createObjectBuilder().add("name", name).build(), admin).status());
        assertEquals(200, api.patch("shares/" + name, Json.createObjectBuilder().add("readOnly", true).build(), admin)
                .status());
        assertEquals(200, api.put("shares/" + name + "/permissions/users/admin", level("admin"), admin).status());
        assertEquals(204, api.delete("shares/" + name + "/permissions/users/admin", admin).status());
        assertEquals(204, api.delete("shares/" + name, admin).status());

        List<JsonObject> events = api.get("audit?limit=100", admin).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> name.equals(e.getString("target", null))).toList();
        List<String> actions = events.stream().map(e -> e.getString("action") + ":" + e.getBoolean("success")).toList();
        assertEquals(List.of("share.delete:true", "share.permission.delete:true", "share.permission.set:true",
                "share.update:true", "share.create:false", "share.create:true"), actions, events.toString());
        assertTrue(events.stream().allMatch(e -> e.getString("actor").equals("admin")
                && e.getString("address").equals("127.0.0.1")));
    }

    private String tokenOfNew(String role) throws Exception {
        return api.tokenOfNewUser(admin, "sh" + role.charAt(0) + "-", role, "share-pass-1");
    }

    private Session logOn(SMBClient client, String user, String password) throws Exception {
        return client.connect("127.0.0.1", cistern.smbPort())
                .authenticate(new AuthenticationContext(user, password.toCharArray(), ""));
    }

    @Test
    void aRenamedShareKeepsItsFilesHandlesAndPermissionsAndTheOldNameIsGone() throws Exception {
        String id = AdminApiIT.shortId();
        // names that sort after "data" under any collation, also once lowercased: HttpEndpointsIT expects the default
        // share first in the status, and the shared data directory keeps this share (it holds a file) across runs
        String before = "rename-from-" + id;
        String after = "Renamed-" + id;
        String reader = "rn-" + id;
        assertEquals(201, api.post("users", Json.createObjectBuilder().add("username", reader)
                .add("password", "rename-pass-1").build(), admin).status());
        assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", before).build(), admin).status());
        assertEquals(200, api.put("shares/" + before + "/permissions/users/" + reader, level("read"), admin).status());
        byte[] content = ("kept across the rename " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Nfs3TestClient nfs = new Nfs3TestClient(cistern.nfsPort(), 1000, 1000)) {
            Nfs3TestClient.HandleReply root = nfs.mount("/" + before);
            assertEquals(Nfs3TestClient.OK, root.status());
            Nfs3TestClient.HandleReply file = nfs.createGuarded(root.handle(), "kept.txt");
            assertEquals(Nfs3TestClient.OK, file.status());
            assertEquals(Nfs3TestClient.OK, nfs.write(file.handle(), 0, content, 0, content.length,
                    Nfs3TestClient.FILE_SYNC).status());

            Answer renamed = api.patch("shares/" + before, Json.createObjectBuilder().add("name", after).build(), admin);
            assertEquals(200, renamed.status(), renamed.body());
            assertEquals(after, renamed.json().getString("name"));
            assertEquals("/" + after, renamed.json().getString("exportPath"));
            assertTrue(renamed.body().contains(reader), "the permission rows move with it: " + renamed.body());
            assertEquals(404, api.get("shares/" + before, admin).status(), "the old name is gone");
            assertEquals(200, api.get("shares/" + after.toLowerCase(), admin).status(), "found ignoring case");

            assertArrayEquals(content, nfs.read(file.handle(), 0, 4096).data(), "a handle from before still reads");
            assertNotEquals(Nfs3TestClient.OK, nfs.mount("/" + before).status(), "the old export is gone");
            Nfs3TestClient.HandleReply newRoot = nfs.mount("/" + after);
            assertEquals(Nfs3TestClient.OK, newRoot.status(), "new mounts use the new name");
            assertArrayEquals(file.handle(), nfs.lookup(newRoot.handle(), "kept.txt").handle(),
                    "the file handle does not depend on the share's name");
        }

        Answer taken = api.patch("shares/" + after, Json.createObjectBuilder().add("name", "DATA").build(), admin);
        assertEquals(409, taken.status(), taken.body());
        assertEquals("name", taken.field(), taken.body());
        assertFieldRefused(api.patch("shares/" + after, Json.createObjectBuilder().add("name", "a/b").build(), admin),
                "name");
        assertFieldRefused(api.patch("shares/" + after, Json.createObjectBuilder().add("name", "IPC$").build(), admin),
                "name");
        assertEquals(200, api.get("shares/" + after, admin).status(), "a refused rename changes nothing");
        Answer caseOnly = api.patch("shares/" + after, Json.createObjectBuilder().add("name", after.toLowerCase())
                .build(), admin);
        assertEquals(200, caseOnly.status(), "a change of case only is not a conflict with itself: " + caseOnly.body());
        assertEquals(after.toLowerCase(), caseOnly.json().getString("name"));

        Answer audit = api.get("audit?limit=20", admin);
        assertTrue(audit.array().getValuesAs(JsonObject.class).stream().anyMatch(entry ->
                entry.getString("action").equals("share.update") && entry.getString("target").equals(before)
                        && entry.getBoolean("success") && ("name=" + after).equals(entry.getString("detail", null))),
                "the rename is audited: " + audit.body());
    }

    static JsonObject level(String level) {
        return Json.createObjectBuilder().add("level", level).build();
    }

    private static void assertFieldRefused(Answer answer, String field) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(field, answer.field(), answer.body());
        assertEquals("invalid_" + field, answer.code(), answer.body());
    }
}
