package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The security headers on the running server: the console's files, the redirect at the root, and the admin API's
 * answers, errors included (a 401 and a 404 are written by other code than a 200).
 */
@ExtendWith(SharedCistern.class)
class SecurityHeadersIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theConsoleIsServedUnderAStrictPolicy(CisternProcess cistern) throws Exception {
        for (String path : List.of("/console/", "/console/index.html", "/console/js/app.js", "/console/css/console.css")) {
            HttpResponse<String> answer = get(cistern, path);
            assertEquals(200, answer.statusCode(), path);
            assertCommonHeaders(answer, path);
            String policy = header(answer, "Content-Security-Policy");
            for (String directive : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
                    "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")) {
                assertTrue(policy.contains(directive), path + ": " + directive + " in " + policy);
            }
            assertFalse(policy.contains("unsafe"), path + ": nothing unsafe in " + policy);
            assertEquals("no-cache", header(answer, "Cache-Control"), path);
        }
        assertTrue(header(get(cistern, "/console/js/app.js"), "Content-Type").contains("javascript"),
                "modules need a JavaScript type under nosniff");
        assertTrue(header(get(cistern, "/console/css/console.css"), "Content-Type").startsWith("text/css"));
        assertTrue(get(cistern, "/console/").body().contains("<script type=\"module\" src=\"js/app.js\"></script>"));
    }

    @Test
    void theRootRedirectsToTheConsole(CisternProcess cistern) throws Exception {
        HttpResponse<String> answer = get(cistern, "/");
        assertEquals(302, answer.statusCode());
        assertEquals("/console/", header(answer, "Location"));
        assertCommonHeaders(answer, "/");
    }

    @Test
    void apiAnswersAreNeverCachedAndLoadNothing(CisternProcess cistern) throws Exception {
        for (String path : List.of("/api/v1/status", "/api/v1/users", "/api/v1/no-such-endpoint")) {
            HttpResponse<String> answer = get(cistern, path);
            assertEquals(path.endsWith("status") ? 200 : path.endsWith("users") ? 401 : 404, answer.statusCode(), path);
            assertCommonHeaders(answer, path);
            assertEquals("no-store", header(answer, "Cache-Control"), path);
            assertEquals("default-src 'none'; frame-ancestors 'none'", header(answer, "Content-Security-Policy"), path);
        }
    }

    private static void assertCommonHeaders(HttpResponse<String> answer, String path) {
        assertEquals("nosniff", header(answer, "X-Content-Type-Options"), path);
        assertEquals("no-referrer", header(answer, "Referrer-Policy"), path);
        assertEquals("DENY", header(answer, "X-Frame-Options"), path);
        assertTrue(header(answer, "Content-Security-Policy").contains("frame-ancestors 'none'"), path);
        assertTrue(answer.headers().firstValue("Strict-Transport-Security").isEmpty(),
                "HSTS only over TLS (LauncherLifecycleIT checks it there): " + path);
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name)
                .orElseThrow(() -> new AssertionError(name + " missing from " + answer.uri() + ": " + answer.headers()));
    }

    private static HttpResponse<String> get(CisternProcess cistern, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(cistern.httpBase() + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
