package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Groups through the admin API on the shared server: gid allocation, conflicts, members, deletion rules, roles. */
@ExtendWith(SharedCistern.class)
class AdminGroupsIT {
    private AdminApiClient api;
    private String admin;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    @Test
    void groupsAreCreatedGivenMembersAndDeleted() throws Exception {
        String name = "grp-" + AdminApiIT.shortId();
        Answer created = api.post("groups", Json.createObjectBuilder().add("name", name).build(), admin);
        assertEquals(201, created.status(), created.body());
        int gid = created.json().getInt("gid");
        assertTrue(gid >= 1000, created.body());

        Answer sameName = api.post("groups", Json.createObjectBuilder().add("name", name.toUpperCase()).build(), admin);
        assertEquals(409, sameName.status());
        assertEquals("name", sameName.field());
        Answer sameGid = api.post("groups", Json.createObjectBuilder().add("name", name + "b").add("gid", gid).build(),
                admin);
        assertEquals(409, sameGid.status());
        assertEquals("gid", sameGid.field());
        Answer badName = api.post("groups", Json.createObjectBuilder().add("name", "a/b").build(), admin);
        assertEquals(400, badName.status());
        assertEquals("name", badName.field());

        String user = "member-" + AdminApiIT.shortId();
        assertEquals(201, api.post("users", Json.createObjectBuilder().add("username", user)
                .add("password", "member-pass-1").build(), admin).status());
        Answer added = api.put("groups/" + name + "/members/" + user, admin);
        assertEquals(200, added.status(), added.body());
        assertEquals(user, added.json().getJsonArray("members").getString(0));
        assertTrue(api.get("users/" + user, admin).json().getJsonArray("groups").getValuesAs(JsonString.class).stream()
                .anyMatch(g -> g.getString().equals(name)));
        assertEquals(404, api.put("groups/" + name + "/members/no-such-user", admin).status());
        assertEquals(200, api.delete("groups/" + name + "/members/" + user, admin).status());
        assertEquals(404, api.delete("groups/" + name + "/members/" + user, admin).status(), "no longer a member");

        assertEquals(200, api.patch("users/" + user, Json.createObjectBuilder().add("primaryGroup", name).build(), admin)
                .status());
        Answer inUse = api.delete("groups/" + name, admin);
        assertEquals(409, inUse.status(), inUse.body());
        assertEquals("in_use", inUse.code());
        assertEquals(204, api.delete("users/" + user, admin).status());
        assertEquals(204, api.delete("groups/" + name, admin).status());
        assertEquals(404, api.get("groups/" + name, admin).status());
    }

    @Test
    void viewersReadGroupsButCannotChangeThem() throws Exception {
        String viewerName = "gview-" + AdminApiIT.shortId();
        assertEquals(201, api.post("users", Json.createObjectBuilder().add("username", viewerName)
                .add("password", "viewer-pass-1").build(), admin).status());
        String viewer = api.accessToken(viewerName, "viewer-pass-1");
        Answer list = api.get("groups", viewer);
        assertEquals(200, list.status());
        assertTrue(list.array().getValuesAs(JsonObject.class).stream().anyMatch(g -> g.getString("name").equals("admins")));
        assertEquals(403, api.post("groups", Json.createObjectBuilder().add("name", "nope").build(), viewer).status());
        assertEquals(403, api.put("groups/admins/members/" + viewerName, viewer).status(), "no promoting oneself");
        assertEquals(403, api.delete("groups/admins", viewer).status());
    }
}
