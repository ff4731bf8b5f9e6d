package io.cistern.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a browser does in a single sign-on, one step at a time over plain HTTP: its own cookies (Cistern's session
 * between login and callback, then the one-time code's cookie), redirects followed by the test, not by the client, so
 * that each one can be checked. The provider's login form is posted as its page would post it.
 */
final class SsoHttpBrowser {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What the provider's login page posts: a username and the claims to put into the tokens, as JSON. */
    HttpResponse<String> signInAtProvider(String authorizeUrl, String username, String claimsJson)
            throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&claims="
                + URLEncoder.encode(claimsJson, StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location in the " + response.statusCode() + " answer of " + response.uri() + ": " + response.body()));
    }

    /** The decoded query parameters of a URL (the last value of each). */
    static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return Map.of();
        }
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                (first, second) -> second, LinkedHashMap::new));
    }
}
