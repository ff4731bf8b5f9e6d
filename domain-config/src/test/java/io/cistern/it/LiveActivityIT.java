package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live view at {@code /api/v1/events}: an NFS write in progress shows up in the server-sent event stream as a
 * transfer of its client, share, file and direction, with its bytes, while the upload queue in the same frame holds
 * journal bytes; an SMB client's connection appears in the frames with its user and share and goes away when it
 * disconnects; the frames (streamed and {@code /events/now}) carry the listeners as {@code GET /adapters} lists them;
 * the stream wants a token like every endpoint.
 */
@ExtendWith(SharedCistern.class)
class LiveActivityIT {
    /**
     * A client of its own for each request: a stream closed before its end must not leave a connection that a later
     * request of the class is given (one failed with "closed" at its first read on a fresh-clone CI run).
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 48;
    /** The adapters report their clients every 2 s when they changed, a session's names one report later. */
    private static final long CLIENTS_LIMIT_SECONDS = 20;
    private static final String PASSWORD = "live-it-password";

    @Test
    void anNfsWriteInProgressShowsUpInTheEventStream(CisternProcess cistern) throws Exception {
        String token = new AdminApiClient(cistern).accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        HttpResponse<Stream<String>> stream = client().send(HttpRequest.newBuilder(
                        URI.create(cistern.httpBase() + "/api/v1/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        String name = "activity-" + UUID.randomUUID().toString().substring(0, 8) + ".bin";
        CompletableFuture<Optional<JsonObject>> seen = CompletableFuture.supplyAsync(
                () -> firstFrame(stream.body().iterator(), frame -> transferOf(frame, "/" + name).isPresent()));
        try {
            writeSlowly(cistern, name);
            JsonObject frame = seen.get(30, TimeUnit.SECONDS).orElseThrow(
                    () -> new AssertionError("the stream ended without showing the transfer of " + name));
            JsonObject transfer = transferOf(frame, "/" + name).orElseThrow();
            assertEquals("nfs", transfer.getString("protocol"));
            assertEquals("write", transfer.getString("direction"));
            assertEquals("data", transfer.getString("share"));
            assertEquals("127.0.0.1", transfer.getString("client"));
            assertTrue(transfer.getJsonNumber("bytesDone").longValue() > 0, transfer.toString());
            assertTrue(transfer.getJsonNumber("bytesDone").longValue() <= (long) CHUNK * CHUNKS, transfer.toString());
            assertUploadQueueHoldsTheWrite(frame.getJsonObject("upload"));
        } finally {
            stream.body().close();
            seen.cancel(true);
        }
    }

    @Test
    void anSmbClientAppearsInTheFramesWhileConnectedAndGoesAwayWhenItDisconnects(CisternProcess cistern)
            throws Exception {
        AdminApiClient api = new AdminApiClient(cistern);
        String admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        String name = "live" + AdminApiIT.shortId();
        AdminApiClient.Answer created = api.post("users", Json.createObjectBuilder().add("username", name)
                .add("role", "viewer").add("password", PASSWORD).build(), admin);
        assertEquals(201, created.status(), created.body());
        Predicate<JsonObject> mine = client -> "SMB".equals(client.getString("protocol"))
                && strings(client, "users").contains(name);
        HttpResponse<Stream<String>> stream = client().send(HttpRequest.newBuilder(
                        URI.create(cistern.httpBase() + "/api/v1/events")).header("Authorization", "Bearer " + admin)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        Iterator<String> lines = stream.body().iterator();
        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        try {
            JsonObject listed;
            try (SMBClient client = new SMBClient(); Connection connection = client.connect("127.0.0.1",
                    cistern.smbPort()); Session session = connection.authenticate(
                    new AuthenticationContext(name, PASSWORD.toCharArray(), ""));
                 DiskShare share = (DiskShare) session.connectShare("data")) {
                assertTrue(share.folderExists(""));
                JsonObject frame = awaitFrame(lines, f -> frames.add(f) && clientsOf(f).stream()
                        .anyMatch(mine.and(c -> strings(c, "shares").contains("data"))),
                        "the SMB connection of " + name + " with its share");
                listed = clientsOf(frame).stream().filter(mine).findFirst().orElseThrow();
                assertEquals("127.0.0.1", listed.getString("address"), listed.toString());
                assertTrue(listed.getInt("port") > 0, listed.toString());
                assertTrue(listed.getInt("sessions") >= 1, listed.toString());
                assertFalse(listed.getString("since").isEmpty(), listed.toString());
                // the count comes from the same adapter report (counted apart from the list, so only at least ours)
                assertTrue(frame.getJsonObject("connections").getInt("smb") >= 1, frame.toString());
            }
            // a connection is known by its port and since: its user name may come a report after it is first listed
            Predicate<JsonObject> sameConnection = c -> "SMB".equals(c.getString("protocol"))
                    && c.getInt("port") == listed.getInt("port")
                    && c.getString("since").equals(listed.getString("since"));
            assertEquals(1, frames.stream().filter(f -> clientsIn(f, "opened").stream().anyMatch(sameConnection))
                    .count(), "frames announcing it opened, once: " + frames);
            awaitFrame(lines, f -> clientsIn(f, "closed").stream().anyMatch(sameConnection)
                    && clientsOf(f).stream().noneMatch(sameConnection), "the connection announced closed and unlisted");
            assertTrue(clientsOf(frames.get(0)).stream().noneMatch(sameConnection), "listed before it connected");
        } finally {
            stream.body().close();
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheFrameWithItsClients(CisternProcess cistern) throws Exception {
        JsonObject openapi = Http.json(cistern.httpBase() + "/openapi?format=JSON");
        String description = openapi.getJsonObject("paths").getJsonObject("/api/v1/events").getJsonObject("get")
                .getString("description");
        assertTrue(description.contains("the open connections per protocol and one by one"), description);
        JsonObject frame = openapi.getJsonObject("components").getJsonObject("schemas").getJsonObject("ActivityFrame");
        for (String property : List.of("transfers", "connections", "clients", "opened", "closed", "listeners",
                "upload", "jobs")) {
            assertTrue(frame.getJsonObject("properties").containsKey(property), property + " in " + frame);
        }
    }

    @Test
    void theFramesCarryTheListenersAsTheAdaptersApiListsThem(CisternProcess cistern) throws Exception {
        AdminApiClient api = new AdminApiClient(cistern);
        String admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        List<JsonObject> adapters = api.get("adapters", admin).array().getValuesAs(JsonObject.class);
        List<JsonObject> now = api.get("events/now", admin).json().getJsonArray("listeners")
                .getValuesAs(JsonObject.class);
        HttpResponse<Stream<String>> stream = client().send(HttpRequest.newBuilder(
                        URI.create(cistern.httpBase() + "/api/v1/events")).header("Authorization", "Bearer " + admin)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        List<JsonObject> streamed;
        try {
            streamed = awaitFrame(stream.body().iterator(), frame -> true, "a first frame")
                    .getJsonArray("listeners").getValuesAs(JsonObject.class);
        } finally {
            stream.body().close();
        }
        for (List<JsonObject> listeners : List.of(now, streamed)) {
            assertEquals(List.of("NFS", "SMB"), listeners.stream().map(l -> l.getString("protocol")).toList(),
                    listeners.toString());
            for (int i = 0; i < adapters.size(); i++) {
                JsonObject listed = adapters.get(i);
                JsonObject framed = listeners.get(i);
                assertEquals(listed.keySet(), framed.keySet(), "the same shape: " + framed);
                // the connection counts may move between the calls; the listener itself does not
                for (String field : List.of("protocol", "enabled", "state", "address", "port", "since")) {
                    assertEquals(listed.get(field), framed.get(field), field + " of " + framed);
                }
            }
        }
    }

    @Test
    void theStreamWantsAToken(CisternProcess cistern) throws Exception {
        HttpResponse<String> refused = client().send(HttpRequest.newBuilder(
                URI.create(cistern.httpBase() + "/api/v1/events")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
    }

    /** Writes {@link #CHUNKS} chunks over about three seconds, so that several frames see the transfer. */
    private static void writeSlowly(CisternProcess cistern, String name) throws Exception {
        byte[] chunk = new byte[CHUNK];
        try (Nfs3TestClient client = new Nfs3TestClient(cistern.nfsPort(), 1000, 1000)) {
            byte[] root = client.mount("/data").handle();
            Nfs3TestClient.HandleReply file = client.createGuarded(root, name);
            assertEquals(Nfs3TestClient.OK, file.status());
            for (int i = 0; i < CHUNKS; i++) {
                chunk[0] = (byte) i;
                assertEquals(Nfs3TestClient.OK, client.write(file.handle(), (long) i * CHUNK, chunk, 0, CHUNK,
                        Nfs3TestClient.UNSTABLE).status());
                Thread.sleep(60);
            }
            assertEquals(Nfs3TestClient.OK, client.commit(file.handle()).status());
        }
    }

    /**
     * The frame that shows the write in progress was made while the file's bytes were being appended to the journal,
     * so its segment files hold bytes; the other figures are counts and totals, never negative.
     */
    private static void assertUploadQueueHoldsTheWrite(JsonObject upload) {
        assertTrue(upload.getJsonNumber("journalUsedBytes").longValue() > 0, upload.toString());
        assertTrue(upload.getJsonNumber("journalCapacityBytes").longValue() > 0, upload.toString());
        for (String figure : List.of("filesPending", "blocksPending", "blocksPut", "bytesPut", "blocksDeduplicated",
                "bytesPerSecond", "lastUploadMillis")) {
            assertTrue(upload.getJsonNumber(figure).longValue() >= 0, figure + ": " + upload);
        }
    }

    private static Optional<JsonObject> transferOf(JsonObject frame, String path) {
        return frame.getJsonArray("transfers").getValuesAs(JsonObject.class).stream()
                .filter(t -> path.equals(t.getString("path"))).findFirst();
    }

    private static List<JsonObject> clientsOf(JsonObject frame) {
        return clientsIn(frame, "clients");
    }

    /** The frame's {@code clients}, {@code opened} or {@code closed}. */
    private static List<JsonObject> clientsIn(JsonObject frame, String list) {
        return frame.getJsonArray(list).getValuesAs(JsonObject.class);
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** The first frame from {@code lines} that {@code wanted} accepts, within {@link #CLIENTS_LIMIT_SECONDS}. */
    private static JsonObject awaitFrame(Iterator<String> lines, Predicate<JsonObject> wanted, String what)
            throws Exception {
        CompletableFuture<Optional<JsonObject>> seen = CompletableFuture.supplyAsync(() -> firstFrame(lines, wanted));
        try {
            return seen.get(CLIENTS_LIMIT_SECONDS, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("the stream ended before " + what));
        } catch (TimeoutException e) {
            throw new AssertionError("no frame within " + CLIENTS_LIMIT_SECONDS + " s showed " + what, e);
        }
    }

    /** Reads {@code activity} events until one is {@code wanted}. */
    private static Optional<JsonObject> firstFrame(Iterator<String> lines, Predicate<JsonObject> wanted) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.startsWith("data:")) {
                continue;
            }
            JsonObject frame = Json.createReader(new StringReader(line.substring("data:".length()).trim())).readObject();
            if (wanted.test(frame)) {
                return Optional.of(frame);
            }
        }
        return Optional.empty();
    }
}
