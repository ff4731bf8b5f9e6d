package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP side: status, health, metrics, OpenAPI, and the loopback-only binding. */
@ExtendWith(SharedCistern.class)
class HttpEndpointsIT {

    @Test
    void statusNamesVersionShareAndBothListeners(CisternProcess cistern) throws Exception {
        JsonObject status = Http.json(cistern.httpBase() + "/api/v1/status");
        assertTrue(status.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), status.toString());
        assertTrue(status.getJsonNumber("uptimeSeconds").longValue() >= 0);
        // other tests on the shared server add shares of their own: the default one must be among them
        List<String> shares = status.getJsonArray("shares").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertTrue(shares.contains("data"), shares.toString());
        Map<String, JsonObject> listeners = status.getJsonArray("listeners").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(l -> l.getString("protocol"), l -> l));
        assertEquals("LISTENING", listeners.get("NFS").getString("state"));
        assertEquals("127.0.0.1:" + cistern.nfsPort(), listeners.get("NFS").getString("address"));
        assertEquals("LISTENING", listeners.get("SMB").getString("state"));
        assertEquals("127.0.0.1:" + cistern.smbPort(), listeners.get("SMB").getString("address"));
    }

    @Test
    void healthIsUpWithDatabaseListenersAndDataDirectory(CisternProcess cistern) throws Exception {
        JsonObject health = Http.json(cistern.httpBase() + "/health");
        assertEquals("UP", health.getString("status"), health.toString());
        Map<String, String> checks = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        assertEquals(Map.of("database", "UP", "listeners", "UP", "data-directory", "UP"), checks);
    }

    @Test
    void metricsAndOpenApiAreServed(CisternProcess cistern) throws Exception {
        HttpResponse<String> metrics = Http.get(cistern.httpBase() + "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE"), "Prometheus text format");
        HttpResponse<String> openapi = Http.get(cistern.httpBase() + "/openapi");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/status"), openapi.body());
    }

    @Test
    void httpListensOnLoopbackOnly(CisternProcess cistern) throws Exception {
        InetAddress external = NetworkInterface.networkInterfaces()
                .filter(nic -> !isLoopback(nic))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this machine has a non-loopback address");
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(external, cistern.httpPort()), 2_000);
            }
        }, "HTTP must not answer on " + external.getHostAddress());
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback() || !nic.isUp();
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void unknownApiPathIsNotFound(CisternProcess cistern) throws Exception {
        assertEquals(404, Http.get(cistern.httpBase() + "/api/v1/no-such-thing").statusCode());
        assertTrue(JsonValue.ValueType.OBJECT == Http.json(cistern.httpBase() + "/api/v1/status").getValueType());
    }

    /** The shared server has no OIDC provider configured: single sign-on is off, and says so in the API's JSON. */
    @Test
    void singleSignOnIsOffWithoutAnIssuer(CisternProcess cistern) throws Exception {
        for (String path : new String[] {"/api/v1/auth/sso", "/sso/login", "/sso/callback?code=c&state=s"}) {
            HttpResponse<String> answer = Http.get(cistern.httpBase() + path);
            assertEquals(404, answer.statusCode(), path + ": " + answer.body());
            assertEquals("sso_not_configured", Json.createReader(new java.io.StringReader(answer.body())).readObject()
                    .getString("code"), path);
            assertTrue(answer.headers().firstValue("Location").isEmpty(), path + " sends nobody anywhere");
        }
        HttpResponse<String> openapi = Http.get(cistern.httpBase() + "/openapi");
        for (String path : new String[] {"/api/v1/auth/sso/exchange:", "/sso/login:", "/sso/callback:"}) {
            assertTrue(openapi.body().contains(path), "OpenAPI documents " + path);
        }
    }
}
