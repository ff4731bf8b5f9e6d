package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live view at {@code /api/v1/events}: an NFS write in progress shows up in the server-sent event stream as a
 * transfer of its client, share, file and direction, with its bytes; the stream wants a token like every endpoint.
 */
@ExtendWith(SharedCistern.class)
class LiveActivityIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 48;

    @Test
    void anNfsWriteInProgressShowsUpInTheEventStream(CisternProcess cistern) throws Exception {
        String token = new AdminApiClient(cistern).accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        HttpResponse<Stream<String>> stream = CLIENT.send(HttpRequest.newBuilder(
                        URI.create(cistern.httpBase() + "/api/v1/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        String name = "activity-" + UUID.randomUUID().toString().substring(0, 8) + ".bin";
        CompletableFuture<Optional<JsonObject>> seen = CompletableFuture.supplyAsync(
                () -> firstTransferOf(stream.body().iterator(), "/" + name));
        try {
            writeSlowly(cistern, name);
            JsonObject transfer = seen.get(30, TimeUnit.SECONDS).orElseThrow(
                    () -> new AssertionError("the stream ended without showing the transfer of " + name));
            assertEquals("nfs", transfer.getString("protocol"));
            assertEquals("write", transfer.getString("direction"));
            assertEquals("data", transfer.getString("share"));
            assertEquals("127.0.0.1", transfer.getString("client"));
            assertTrue(transfer.getJsonNumber("bytesDone").longValue() > 0, transfer.toString());
            assertTrue(transfer.getJsonNumber("bytesDone").longValue() <= (long) CHUNK * CHUNKS, transfer.toString());
        } finally {
            stream.body().close();
            seen.cancel(true);
        }
    }

    @Test
    void theStreamWantsAToken(CisternProcess cistern) throws Exception {
        HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(
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

    /** Reads {@code activity} events until one lists a transfer of {@code path}. */
    private static Optional<JsonObject> firstTransferOf(Iterator<String> lines, String path) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.startsWith("data:")) {
                continue;
            }
            JsonObject frame = Json.createReader(new StringReader(line.substring("data:".length()).trim())).readObject();
            Optional<JsonObject> transfer = frame.getJsonArray("transfers").getValuesAs(JsonObject.class).stream()
                    .filter(t -> path.equals(t.getString("path"))).findFirst();
            if (transfer.isPresent()) {
                return transfer;
            }
        }
        return Optional.empty();
    }
}
