package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Block stores managed through the admin API on the shared server: a second filesystem store created, validated,
 * renamed and deleted; every role; the default store read-only; secrets never in an answer nor in the audit log; a
 * share moved to the second store (while empty) receiving a file over SMB whose block the upload puts in the second
 * store's directory and not in the default one, deduplicated per store, and read back equal. Everything made here
 * is undone: the ITs share one server.
 */
@ExtendWith(SharedCistern.class)
class AdminStoresIT {
    private static final Duration UPLOAD_LIMIT = Duration.ofSeconds(90);
    private static final String SECRET = "S3cr3t-never-shown-4711";

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
    void anAdminAddsRenamesAndDeletesAFilesystemStoreAndOtherRolesOnlyRead() throws Exception {
        String id = AdminApiIT.shortId();
        String name = "fs-" + id;
        String renamed = name + "-renamed";
        Path directory = storeDirectory(id);
        String operator = api.tokenOfNewUser(admin, "sto-", "operator", "stores-pass-1");
        String viewer = api.tokenOfNewUser(admin, "stv-", "viewer", "stores-pass-1");

        for (String token : List.of(operator, viewer)) {
            assertError(api.post("stores", store(name, "filesystem", directory.toString()), token), 403, null, null);
        }
        assertError(api.post("stores", store(name, "filesystem", directory.toString()), null), 401, null, null);
        Answer created = api.post("stores", store(name, "filesystem", directory.toString()), admin);
        assertEquals(201, created.status(), created.body());
        assertEquals(name, created.json().getString("name"));
        assertEquals("filesystem", created.json().getString("kind"));
        assertFalse(created.json().getBoolean("readOnly"));
        assertEquals(directory.toString(), created.json().getString("directory"));
        assertTrue(Files.isDirectory(directory), "the directory is made");
        String current = name;
        try {
            for (String token : List.of(admin, operator, viewer)) {
                Answer list = api.get("stores", token);
                assertEquals(200, list.status(), list.body());
                JsonObject first = list.array().getJsonObject(0);
                assertEquals("default", first.getString("name"), "the default store first: " + list.body());
                assertTrue(first.getBoolean("readOnly"), list.body());
                assertTrue(list.array().getValuesAs(JsonObject.class).stream()
                        .anyMatch(s -> s.getString("name").equals(name)), list.body());
                assertEquals(200, api.get("stores/" + name.toUpperCase(), token).status(), "found ignoring case");
                boolean isAdmin = token.equals(admin);   // for the admin: the same requests without a valid token
                assertError(api.put("stores/" + name, Json.createObjectBuilder().add("name", name + "-x").build(),
                        isAdmin ? "not-a-token" : token), isAdmin ? 401 : 403, null, null);
                assertError(api.delete("stores/" + name, isAdmin ? null : token), isAdmin ? 401 : 403, null, null);
            }
            assertError(api.post("stores", store(name.toUpperCase(), "filesystem", storeDirectory(id + "b").toString()),
                    admin), 409, "conflict", "name");

            Answer changed = api.put("stores/" + name, Json.createObjectBuilder().add("name", renamed).build(), admin);
            assertEquals(200, changed.status(), changed.body());
            current = renamed;
            assertEquals(renamed, changed.json().getString("name"));
            assertEquals(404, api.get("stores/" + name, admin).status());
            Path moved = storeDirectory(id + "-moved");
            Answer relocated = api.put("stores/" + renamed, Json.createObjectBuilder().add("directory",
                    moved.toString()).build(), admin);
            assertEquals(200, relocated.status(), "an empty store may move: " + relocated.body());
            assertEquals(moved.toString(), relocated.json().getString("directory"));
            assertEquals(204, api.delete("stores/" + current, admin).status());
        } finally {
            api.delete("stores/" + current, admin);   // after a failure part way: the ITs share one server
        }
        assertEquals(404, api.get("stores/" + renamed, admin).status());
        assertEquals(404, api.delete("stores/" + renamed, admin).status());

        List<String> actions = auditOf(name).stream()
                .map(e -> e.getString("action") + ":" + e.getBoolean("success")).toList();
        assertTrue(actions.containsAll(List.of("store.create:true", "store.create:false", "store.update:true")),
                actions.toString());
        assertTrue(auditOf(renamed).stream().anyMatch(e -> e.getString("action").equals("store.delete")
                && e.getBoolean("success")), "the deletion is audited");
    }

    @Test
    void badStoresAreRefusedNamingTheFieldAndNoSecretIsEverShownOrAudited() throws Exception {
        String id = AdminApiIT.shortId();
        Path directory = storeDirectory(id);
        assertError(api.post("stores", store("bad name/" + id, "filesystem", directory.toString()), admin), 400,
                "invalid_name", "name");
        assertError(api.post("stores", store("", "filesystem", directory.toString()), admin), 400, "invalid_name",
                "name");
        assertError(api.post("stores", store("k-" + id, "tape", directory.toString()), admin), 400, "invalid_kind",
                "kind");
        assertError(api.post("stores", store("r-" + id, "filesystem", "relative/dir"), admin), 400,
                "invalid_directory", "directory");
        assertError(api.post("stores", store("m-" + id, "filesystem", null), admin), 400, "invalid_directory",
                "directory");
        assertError(api.post("stores", store("w-" + id, "filesystem", "/proc/cistern-" + id), admin), 400,
                "invalid_directory", "directory");
        String defaultBlocks = cistern.dataDirectory().resolve("blocks").toAbsolutePath().normalize().toString();
        assertError(api.post("stores", store("d-" + id, "filesystem", defaultBlocks + "/inner"), admin), 409,
                "directory_in_use", "directory");
        assertError(api.post("stores", store("e-" + id, "filesystem", cistern.dataDirectory().toAbsolutePath()
                .normalize().toString()), admin), 409, "directory_in_use", "directory");

        String s3 = "s3-" + id;
        JsonObject s3Store = Json.createObjectBuilder().add("name", s3).add("kind", "s3")
                .add("endpoint", "http://127.0.0.1:1").add("bucket", "no-bucket-there")
                .add("accessKey", "AKIAEXAMPLEKEY12345").add("secretKey", SECRET).build();
        Answer refused = api.post("stores", s3Store, admin);
        assertError(refused, 400, "s3_unreachable", "endpoint");
        assertFalse(refused.body().contains(SECRET), refused.body());

        assertError(api.put("stores/default", Json.createObjectBuilder().add("name", "other").build(), admin), 409,
                "read_only", null);
        assertError(api.delete("stores/default", admin), 409, "read_only", null);
        assertError(api.get("stores/none-" + id, admin), 404, "not_found", null);
        assertError(api.put("stores/none-" + id, Json.createObjectBuilder().add("name", "x").build(), admin), 404,
                "not_found", null);

        for (String path : List.of("stores", "audit?limit=200")) {
            Answer answer = api.get(path, admin);
            assertEquals(200, answer.status(), answer.body());
            assertFalse(answer.body().contains(SECRET), path + ": " + answer.body());
            assertFalse(answer.body().contains("AKIAEXAMPLEKEY12345"), path + ": " + answer.body());
        }
        assertTrue(auditOf(s3).stream().anyMatch(e -> e.getString("action").equals("store.create")
                && !e.getBoolean("success")), "the refusal is audited");
    }

    @Test
    void aShareOnASecondStoreKeepsItsBlocksThereDeduplicatedPerStore() throws Exception {
        String id = AdminApiIT.shortId();
        String store = "st-" + id;
        Path directory = storeDirectory(id);
        String onDefault = "on-default-" + id;
        String onSecond = "on-second-" + id;
        byte[] content = new byte[300_000];
        new Random(Long.parseLong(id, 16)).nextBytes(content);
        String hash = JobsApi.sha256(content, 0, content.length);

        assertEquals(201, api.post("stores", store(store, "filesystem", directory.toString()), admin).status());
        assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", onDefault).build(), admin)
                .status());
        Answer made = api.post("shares", Json.createObjectBuilder().add("name", onSecond).build(), admin);
        assertEquals("default", made.json().getString("store"), "a share's store is the default one unless named");
        try {
            assertError(api.patch("shares/" + onSecond, Json.createObjectBuilder().add("store", "none-" + id).build(),
                    admin), 400, "invalid_store", "store");
            Answer moved = api.patch("shares/" + onSecond, Json.createObjectBuilder().add("store", store).build(),
                    admin);
            assertEquals(200, moved.status(), moved.body());
            assertEquals(store, moved.json().getString("store"));
            assertEquals(List.of(onSecond), sharesOf(store));

            try (SMBClient client = new SMBClient(); var session = client.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))) {
                try (DiskShare first = (DiskShare) session.connectShare(onDefault)) {
                    SmbFilesIT.write(first, "same.bin", content);
                }
                JobsApi.awaitStored(cistern.dataDirectory(), hash, UPLOAD_LIMIT);
                try (DiskShare second = (DiskShare) session.connectShare(onSecond)) {
                    SmbFilesIT.write(second, "same.bin", content);
                    awaitFile(blockFile(directory, hash));
                    assertArrayEquals(content, SmbFilesIT.read(second, "same.bin"));

                    assertError(api.patch("shares/" + onSecond, Json.createObjectBuilder().add("store", "default")
                            .build(), admin), 409, "not_empty", "store");
                    assertError(api.delete("stores/" + store, admin), 409, "in_use", null);
                    second.rm("same.bin");
                }
                try (DiskShare first = (DiskShare) session.connectShare(onDefault)) {
                    assertArrayEquals(content, SmbFilesIT.read(first, "same.bin"), "the default store's copy is kept");
                    first.rm("same.bin");
                }
            }
            assertTrue(Files.isRegularFile(JobsApi.blockFile(cistern.dataDirectory(), hash)),
                    "the default store has its own copy");
            assertEquals(204, api.delete("shares/" + onSecond, admin).status());
            assertEquals(204, api.delete("shares/" + onDefault, admin).status());
            Answer deleted = api.delete("stores/" + store, admin);
            assertEquals(204, deleted.status(), "no share uses it and no file references its block: " + deleted.body());
            assertFalse(Files.exists(blockFile(directory, hash)), "its unreferenced block went with it");
        } finally {
            undo(List.of(onSecond, onDefault), "same.bin", store);
        }
    }

    /** Best effort, after a failure part way: the ITs share one server. Never hides the failure. */
    private void undo(List<String> shares, String file, String store) {
        try (SMBClient client = new SMBClient(); var session = client.connect("127.0.0.1", cistern.smbPort())
                .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))) {
            for (String share : shares) {
                try (DiskShare disk = (DiskShare) session.connectShare(share)) {
                    if (disk.fileExists(file)) {
                        disk.rm(file);
                    }
                } catch (RuntimeException gone) {
                    // deleted already
                }
            }
        } catch (Exception e) {
            // nothing more to do
        }
        try {
            for (String share : shares) {
                api.delete("shares/" + share, admin);
            }
            api.delete("stores/" + store, admin);
        } catch (Exception e) {
            // nothing more to do
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheStoreEndpointsAndBodies() throws Exception {
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        String one = openapi.substring(openapi.indexOf("/api/v1/stores/{name}:"));
        one = one.substring(0, one.indexOf("\n  /", 1));
        for (String method : List.of("get:", "put:", "delete:")) {
            assertTrue(one.contains(method), "OpenAPI lacks " + method + " on /api/v1/stores/{name}: " + one);
        }
        assertTrue(openapi.contains("/api/v1/stores:"), "OpenAPI lacks /api/v1/stores");
        for (String schema : List.of("NewStore:", "StoreUpdate:", "s3_unreachable", "directory_in_use")) {
            assertTrue(openapi.contains(schema), "OpenAPI lacks " + schema);
        }
    }

    private Path storeDirectory(String id) {
        return cistern.dataDirectory().toAbsolutePath().normalize().resolveSibling("stores-it").resolve(id);
    }

    private static Path blockFile(Path storeDirectory, String hashHex) {
        return storeDirectory.resolve(hashHex.substring(0, 2)).resolve(hashHex.substring(2, 4)).resolve(hashHex);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + UPLOAD_LIMIT.toNanos();
        while (!Files.isRegularFile(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(file + " not stored after " + UPLOAD_LIMIT);
            }
            Thread.sleep(200);
        }
    }

    private List<String> sharesOf(String store) throws Exception {
        return api.get("stores/" + store, admin).json().getJsonArray("shares").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    private List<JsonObject> auditOf(String target) throws Exception {
        return api.get("audit?limit=200", admin).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> target.equalsIgnoreCase(e.getString("target", null))).toList();
    }

    private static JsonObject store(String name, String kind, String directory) {
        var body = Json.createObjectBuilder().add("name", name).add("kind", kind);
        if (directory != null) {
            body.add("directory", directory);
        }
        return body.build();
    }

    private static void assertError(Answer answer, int status, String code, String field) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{"), "a JSON error: " + answer.body());
        if (code != null) {
            assertEquals(code, answer.code(), answer.body());
        }
        if (field != null) {
            assertEquals(field, answer.field(), answer.body());
        }
    }
}
