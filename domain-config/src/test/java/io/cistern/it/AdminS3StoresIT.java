package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.core.it.S3ProxyProcess;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * S3 stores besides the default one, on the shared server, against a real S3Proxy in a process of its own (a bucket
 * of this test's, the server's default store being its filesystem one): defined through the admin API with their
 * bucket checked (unreachable endpoint, missing bucket, wrong keys: each a clear error naming its field), every
 * role, a share on the S3 store whose file written over SMB the upload puts into that bucket and not into the
 * default store, read back equal; its statistics (from empty to one file in one block); the credentials changed
 * (the client closed, and opened again by the deletion, which deletes the unreferenced block); the secret key never
 * in an answer, the audit log, server.log nor in the database's files. Everything made here is undone.
 */
@ExtendWith(SharedCistern.class)
class AdminS3StoresIT {
    private static final Duration UPLOAD_LIMIT = Duration.ofSeconds(90);
    private static final String BUCKET = "second-store";
    private static S3ProxyProcess s3proxy;
    private static Path s3proxyDirectory;

    private CisternProcess cistern;
    private AdminApiClient api;
    private String admin;

    @BeforeAll
    static void startS3Proxy() throws IOException {
        s3proxyDirectory = Files.createTempDirectory("cistern-it-s3proxy");
        s3proxy = S3ProxyProcess.launch(Path.of(System.getProperty("cistern.test.s3proxy.jar")), s3proxyDirectory,
                freePort());
        s3proxy.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3Proxy() throws IOException {
        if (s3proxy != null) {
            s3proxy.stop();
        }
        try (Stream<Path> files = Files.walk(s3proxyDirectory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    @Test
    void aShareOnAnS3StoreKeepsItsBlocksInThatBucketAndTheSecretIsNeverShown() throws Exception {
        String id = AdminApiIT.shortId();
        String store = "s3-" + id;
        String share = "on-s3-" + id;
        String prefix = "it-" + id + "/";
        byte[] content = new byte[200_000];
        new Random(Long.parseLong(id, 16)).nextBytes(content);
        String hash = JobsApi.sha256(content, 0, content.length);
        String operator = api.tokenOfNewUser(admin, "s3o-", "operator", "stores-pass-1");
        String viewer = api.tokenOfNewUser(admin, "s3v-", "viewer", "stores-pass-1");

        for (String token : List.of(operator, viewer)) {
            assertError(api.post("stores", s3(store, prefix).build(), token), 403, null, null);
        }
        assertError(api.post("stores", s3(store, prefix).build(), null), 401, null, null);
        Answer created = api.post("stores", s3(store, prefix).build(), admin);
        assertEquals(201, created.status(), created.body());
        try {
            JsonObject view = created.json();
            assertEquals("s3", view.getString("kind"));
            assertEquals(s3proxy.endpoint().toString(), view.getString("endpoint"));
            assertEquals(BUCKET, view.getString("bucket"));
            assertEquals(prefix, view.getString("prefix"));
            assertTrue(view.getBoolean("pathStyle"), "path-style with an endpoint");
            assertEquals("static", view.getString("credentials"));
            assertEquals("cis…ity", view.getString("accessKey"), "the key id masked");
            for (String token : List.of(admin, operator, viewer)) {
                Answer one = api.get("stores/" + store, token);
                assertEquals(200, one.status(), one.body());
                assertEquals("cis…ity", one.json().getString("accessKey"));
            }
            assertError(api.post("stores", s3("x" + store, prefix).build(), admin), 409, "location_in_use", "prefix");

            assertEquals(201, api.post("shares", Json.createObjectBuilder().add("name", share).add("store", store)
                    .build(), admin).status());
            JsonObject empty = statisticsAfterARun(store, figures -> true);
            assertEquals(0, empty.getJsonNumber("files").longValue(), empty.toString());
            assertEquals(0, empty.getJsonNumber("blocks").longValue(), "an empty bucket prefix: " + empty);
            assertEquals("s3", empty.getString("kind"));
            Path object = s3proxy.dataDirectory().resolve(BUCKET).resolve(prefix + shardedPath(hash));
            try (SMBClient client = new SMBClient(); var session = client.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
                 DiskShare disk = (DiskShare) session.connectShare(share)) {
                SmbFilesIT.write(disk, "file.bin", content);
                awaitFile(object);
                assertEquals(List.of(prefix + shardedPath(hash)), objectsUnder(prefix), "one object, in the bucket");
                assertFalse(Files.exists(JobsApi.blockFile(cistern.dataDirectory(), hash)),
                        "not in the default store");
                assertArrayEquals(content, SmbFilesIT.read(disk, "file.bin"));
                JsonObject figures = statisticsAfterARun(store,
                        moved -> moved.getJsonNumber("referencedBlocks").longValue() == 1);
                assertEquals(content.length, figures.getJsonNumber("logicalBytes").longValue(), figures.toString());
                assertEquals(content.length, figures.getJsonNumber("referencedBytes").longValue(), figures.toString());
                assertEquals(1, figures.getJsonNumber("files").longValue(), figures.toString());
                assertEquals(1, figures.getJsonNumber("blocks").longValue(), "the one object: " + figures);
                assertEquals(content.length, figures.getJsonNumber("physicalBytes").longValue(), figures.toString());
                assertEquals(1.0, figures.getJsonNumber("dedupRatio").doubleValue(), 1e-9);
                Answer all = api.get("statistics", viewer);
                assertTrue(all.json().getJsonArray("stores").getValuesAs(JsonObject.class).stream()
                        .anyMatch(row -> row.getString("store").equals(store)), "per store: " + all.body());

                // a secret key alone (the same one, rotated to itself) is checked, sealed anew, and the store's
                // client closed: nothing opens it again until the deletion below, which must open it to delete
                // the block

                Answer rotated = api.put("stores/" + store, Json.createObjectBuilder()
                        .add("secretKey", S3ProxyProcess.CREDENTIAL).build(), admin);
                assertEquals(200, rotated.status(), rotated.body());
                assertError(api.put("stores/" + store, Json.createObjectBuilder().add("secretKey", "wrong-secret-1")
                        .build(), admin), 400, "s3_access_denied", "secretKey");
                assertError(api.put("stores/" + store, Json.createObjectBuilder().add("prefix", "elsewhere/").build(),
                        admin), 409, "not_empty", "prefix");
                assertArrayEquals(content, SmbFilesIT.read(disk, "file.bin"), "the refused changes changed nothing");
                disk.rm("file.bin");
            }
            assertEquals(204, api.delete("shares/" + share, admin).status());
            Answer deleted = api.delete("stores/" + store, admin);
            assertEquals(204, deleted.status(), deleted.body());
            assertFalse(Files.exists(object), "its unreferenced block went with it");
        } finally {
            api.delete("shares/" + share, admin);
            api.delete("stores/" + store, admin);
        }
        assertNoSecretAnywhere();
        List<String> actions = auditOf(store).stream()
                .map(e -> e.getString("action") + ":" + e.getBoolean("success")).toList();
        assertTrue(actions.containsAll(List.of("store.create:true", "store.update:true", "store.update:false",
                "store.delete:true")), actions.toString());
        assertTrue(auditOf("x" + store).stream().anyMatch(e -> e.getString("action").equals("store.create")
                && !e.getBoolean("success")), "the refused overlapping store is audited");
    }

    @Test
    void aBucketThatCannotBeUsedIsAClearErrorNamingTheField() throws Exception {
        String id = AdminApiIT.shortId();
        String store = "s3bad-" + id;
        try {
            assertError(api.post("stores", s3(store, "p/").add("bucket", "no-such-bucket").build(), admin), 400,
                    "s3_no_such_bucket", "bucket");
            assertError(api.post("stores", s3(store, "p/").add("secretKey", "wrong-secret-2").build(), admin), 400,
                    "s3_access_denied", "secretKey");
            assertError(api.post("stores", s3(store, "p/").add("accessKey", "unknown-key-id").build(), admin), 400,
                    "s3_access_denied", "accessKey");
            assertError(api.post("stores", s3(store, "p/").add("endpoint", "http://127.0.0.1:" + freePort())
                    .build(), admin), 400, "s3_unreachable", "endpoint");
            assertError(api.post("stores", s3(store, "p/").add("endpoint", "http://u:p@127.0.0.1:9").build(), admin),
                    400, "invalid_endpoint", "endpoint");
            assertError(api.post("stores", s3(store, "p/").add("directory", "/tmp/x").build(), admin), 400,
                    "invalid_directory", "directory");
            assertEquals(404, api.get("stores/" + store, admin).status(), "nothing was stored");
        } finally {
            api.delete("stores/" + store, admin);
        }
        assertNoSecretAnywhere();
    }

    @Test
    void theOpenApiDocumentDescribesTheS3Fields() throws Exception {
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        for (String text : List.of("secretKey", "accessKey", "s3_unreachable", "s3_no_such_bucket",
                "s3_access_denied", "location_in_use")) {
            assertTrue(openapi.contains(text), "OpenAPI lacks " + text);
        }
        assertFalse(openapi.contains("s3_not_built"), "S3 stores are built");
    }

    /**
     * Runs the statistics job (as an operator may) until the store's figures satisfy {@code until}; its figures as
     * GET stores/{name} shows them.
     */
    private JsonObject statisticsAfterARun(String store, java.util.function.Predicate<JsonObject> until)
            throws Exception {
        JobsApi jobs = new JobsApi(api);
        for (int run = 0; ; run++) {
            Answer started = jobs.start("stats", java.util.Map.of(), null, admin);
            assertEquals(202, started.status(), started.body());
            JsonObject end = jobs.awaitEnd("stats", started.json().getJsonNumber("id").longValue(), admin,
                    UPLOAD_LIMIT);
            assertEquals("COMPLETED", end.getString("status"), end.toString());
            Answer view = api.get("stores/" + store, admin);
            assertEquals(200, view.status(), view.body());
            assertFalse(view.json().isNull("statistics"), view.body());
            JsonObject figures = view.json().getJsonObject("statistics");
            if (until.test(figures) || run == 5) {
                return figures;
            }
            Thread.sleep(500);
        }
    }

    /** The secret key in no answer, the audit log, server.log, nor any file of the database (tables and WAL). */
    private void assertNoSecretAnywhere() throws Exception {
        for (String path : List.of("stores", "audit?limit=500")) {
            Answer answer = api.get(path, admin);
            assertEquals(200, answer.status(), answer.body());
            assertFalse(answer.body().contains(S3ProxyProcess.CREDENTIAL), path);
            assertFalse(answer.body().contains(S3ProxyProcess.IDENTITY), path);
            assertFalse(answer.body().contains("wrong-secret"), path);
        }
        Path log = cistern.dataDirectory().resolve("logs/server.log");
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(S3ProxyProcess.CREDENTIAL), "the secret key in server.log");
        assertFalse(text.contains("wrong-secret"), "a refused secret key in server.log");
        byte[] secret = S3ProxyProcess.CREDENTIAL.getBytes(StandardCharsets.US_ASCII);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cistern.dataDirectory().resolve("pg"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(file, secret)) {
                    holding.add(file);
                }
            }
        }
        assertEquals(List.of(), holding, "database files holding the secret key in plain text");
    }

    private static boolean contains(Path file, byte[] needle) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return false;   // a file the database removed meanwhile
        }
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static JsonObjectBuilder s3(String name, String prefix) {
        return Json.createObjectBuilder().add("name", name).add("kind", "s3")
                .add("endpoint", s3proxy.endpoint().toString()).add("bucket", BUCKET).add("prefix", prefix)
                .add("accessKey", S3ProxyProcess.IDENTITY).add("secretKey", S3ProxyProcess.CREDENTIAL);
    }

    private static List<String> objectsUnder(String prefix) throws IOException {
        Path bucket = s3proxy.dataDirectory().resolve(BUCKET);
        try (Stream<Path> files = Files.walk(bucket.resolve(prefix))) {
            return files.filter(Files::isRegularFile).map(file -> bucket.relativize(file).toString()).sorted()
                    .toList();
        }
    }

    private static String shardedPath(String hashHex) {
        return hashHex.substring(0, 2) + "/" + hashHex.substring(2, 4) + "/" + hashHex;
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

    private List<JsonObject> auditOf(String target) throws Exception {
        return api.get("audit?limit=500", admin).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> target.equalsIgnoreCase(e.getString("target", null))).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
