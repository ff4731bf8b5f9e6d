package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a launcher started with CISTERN_HTTPS_PORT and CISTERN_HTTP=off must do: the admin API over TLS only, with
 * HSTS, on HTTP's address.
 */
final class HttpsChecks {
    private HttpsChecks() {
    }

    static void assertServesTheApiOverTls(CisternProcess cistern, TlsTestKeystore keystore, int port, String adminPassword)
            throws Exception {
        String base = "https://127.0.0.1:" + port;
        assertTrue(cistern.output().stream().anyMatch(l -> l.matches("HTTPS\\s+listening on " + base.replace(".", "\\."))),
                cistern.output().toString());
        HttpClient trusting = HttpClient.newBuilder().sslContext(keystore.trustingItsCertificate())
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> status = trusting.send(get(base + "/api/v1/status"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("max-age=31536000", status.headers().firstValue("Strict-Transport-Security").orElse(null),
                "HSTS over TLS: " + status.headers());
        assertEquals("nosniff", status.headers().firstValue("X-Content-Type-Options").orElse(null));
        for (String payaras : List.of("/health", "/openapi", "/metrics")) {
            HttpResponse<String> answer = trusting.send(get(base + payaras), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), payaras + " over TLS: " + answer.body());
        }
        HttpResponse<String> console = trusting.send(get(base + "/console/"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, console.statusCode());
        assertTrue(console.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS on the console too");

        assertTrue(cistern.output().stream().noneMatch(l -> l.startsWith("HTTP ")), "no HTTP line: " + cistern.output());
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1",
                    cistern.httpPort()), 2000), "CISTERN_HTTP=off: nothing listens on the HTTP port");
        }

        assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient().send(get(base + "/api/v1/status"),
                HttpResponse.BodyHandlers.ofString()), "the certificate is the keystore's own, not a trusted CA's");
        assertLoopbackOnly(port);
        assertPasswordShownOnlyAsSet(trusting, base, adminPassword);
        assertFalse(Files.readString(cistern.dataDirectory().resolve("logs/server.log")).contains(keystore.password()),
                "the keystore's password is not in server.log");
        assertTrue(cistern.output().stream().noneMatch(l -> l.contains(keystore.password())), "nor in the output");
    }

    /** HTTPS binds to HTTP's address, 127.0.0.1 by default: no other address of this host answers. */
    private static void assertLoopbackOnly(int port) throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    try (Socket socket = new Socket()) {
                        assertThrows(ConnectException.class,
                                () -> socket.connect(new InetSocketAddress(address, port), 2000),
                                "HTTPS must not answer on " + address.getHostAddress());
                    }
                }
            }
        }
    }

    private static void assertPasswordShownOnlyAsSet(HttpClient client, String base, String adminPassword)
            throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", "admin")
                        .add("password", adminPassword).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), "login over HTTPS: " + login.body());
        String token = Json.createReader(new StringReader(login.body())).readObject().getString("accessToken");
        HttpResponse<String> settings = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/settings"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, settings.statusCode(), settings.body());
        List<JsonObject> all = Json.createReader(new StringReader(settings.body())).readArray()
                .getValuesAs(JsonObject.class);
        JsonObject password = all.stream().filter(s -> s.getString("name").equals("CISTERN_TLS_KEYSTORE_PASSWORD"))
                .findFirst().orElseThrow();
        assertEquals("set", password.getString("value"), password.toString());
        assertTrue(password.getBoolean("secret"));
        JsonObject httpsPort = all.stream().filter(s -> s.getString("name").equals("CISTERN_HTTPS_PORT"))
                .findFirst().orElseThrow();
        assertEquals(URI.create(base).getPort(), Integer.parseInt(httpsPort.getString("value")));
        assertEquals("environment", httpsPort.getString("source"));
    }

    /** {@code GET /api/v1/settings} over TLS as the admin, by name. */
    static java.util.Map<String, JsonObject> settings(TlsTestKeystore keystore, int port, String adminPassword)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(keystore.trustingItsCertificate()).build();
        String base = "https://127.0.0.1:" + port;
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", "admin")
                        .add("password", adminPassword).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String token = Json.createReader(new StringReader(login.body())).readObject().getString("accessToken");
        HttpResponse<String> settings = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/settings"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, settings.statusCode(), settings.body());
        return Json.createReader(new StringReader(settings.body())).readArray().getValuesAs(JsonObject.class).stream()
                .collect(java.util.stream.Collectors.toMap(setting -> setting.getString("name"), setting -> setting));
    }

    /** {@code /metrics} over TLS. */
    static PrometheusText metrics(TlsTestKeystore keystore, int port) throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(keystore.trustingItsCertificate()).build();
        HttpResponse<String> metrics = trusting.send(get("https://127.0.0.1:" + port + "/metrics"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics.body());
        return PrometheusText.parse(metrics.body());
    }

    /** {@code GET /api/v1/status} over TLS. */
    static JsonObject status(TlsTestKeystore keystore, int port) throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(keystore.trustingItsCertificate()).build();
        HttpResponse<String> status = trusting.send(get("https://127.0.0.1:" + port + "/api/v1/status"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        return Json.createReader(new StringReader(status.body())).readObject();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
    }
}
