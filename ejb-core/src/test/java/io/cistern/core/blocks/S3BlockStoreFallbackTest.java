package io.cistern.core.blocks;

import static io.cistern.core.blocks.TestBlocks.buffer;
import static io.cistern.core.blocks.TestBlocks.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cistern.core.blocks.BlockStoreException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What S3Proxy cannot show: an endpoint without conditional writes, and one that keeps failing with 5xx.
 * A tiny HTTP server plays such an S3 endpoint and records the requests it gets.
 */
class S3BlockStoreFallbackTest {
    private static final String NOT_IMPLEMENTED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code>"
            + "<Message>A header you provided implies functionality that is not implemented</Message></Error>";
    private static final String INTERNAL_ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
            + "<Message>We encountered an internal error. Please try again.</Message></Error>";

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean failEverything;
    private HttpServer server;
    private S3BlockStore store;

    @BeforeEach
    void startFakeEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        store = new S3BlockStore(new S3StoreConfig(endpoint, null, "bucket", "p/", true, "id", "secret",
                Duration.ofSeconds(5), 3));
    }

    @AfterEach
    void stopFakeEndpoint() {
        store.close();
        server.stop(0);
    }

    @Test
    void withoutConditionalWritesPutsFallBackToHeadThenPutAndRememberIt() {
        byte[] first = bytes(1_000, 51);
        byte[] second = bytes(1_000, 52);

        store.put(BlockHash.of(first), buffer(first));
        assertEquals(List.of("PUT if-none-match", "HEAD", "PUT"), requests);
        assertTrue(store.usesHeadBeforePut());

        requests.clear();
        store.put(BlockHash.of(second), buffer(second));
        assertEquals(List.of("HEAD", "PUT"), requests, "no second conditional attempt");

        requests.clear();
        store.put(BlockHash.of(first), buffer(first));
        assertEquals(List.of("HEAD"), requests, "an existing block is not written again");
    }

    @Test
    void persistent5xxIsUnavailableAfterTheConfiguredAttempts() {
        failEverything = true;
        byte[] data = bytes(100, 53);

        BlockStoreException e = assertThrows(BlockStoreException.class, () -> store.get(BlockHash.of(data)));

        assertEquals(Kind.UNAVAILABLE, e.kind(), e.toString());
        assertEquals(3, requests.size(), "maxAttempts = 3: " + requests);
        assertTrue(e.getMessage().contains("500 InternalError after 3 attempts"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean conditional = exchange.getRequestHeaders().containsKey("If-None-Match");
            requests.add(method + (conditional ? " if-none-match" : ""));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestURI().getPath();
            if (failEverything) {
                reply(exchange, 500, INTERNAL_ERROR.getBytes(StandardCharsets.UTF_8));
            } else if (method.equals("PUT") && conditional) {
                reply(exchange, 501, NOT_IMPLEMENTED.getBytes(StandardCharsets.UTF_8));
            } else if (method.equals("PUT")) {
                objects.put(key, body);
                exchange.getResponseHeaders().add("ETag", "\"fake\"");
                reply(exchange, 200, new byte[0]);
            } else if (method.equals("HEAD")) {
                boolean present = objects.containsKey(key);
                if (present) {
                    exchange.getResponseHeaders().add("Content-Length", Integer.toString(objects.get(key).length));
                }
                exchange.sendResponseHeaders(present ? 200 : 404, -1);
            } else {
                reply(exchange, 405, new byte[0]);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
