package io.cistern.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to the admin API of a running Cistern, with or without an access token. */
final class AdminApiClient {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response with its body read as JSON (null when empty or not JSON). */
    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        /** The error's code, checking the error shape on the way. */
        String code() {
            JsonObject error = json();
            if (!error.containsKey("message")) {
                throw new AssertionError("not an API error: " + body);
            }
            return error.getString("code");
        }

        String field() {
            return json().containsKey("field") ? json().getString("field") : null;
        }
    }

    private final String base;

    AdminApiClient(CisternProcess cistern) {
        this.base = cistern.httpBase() + "/api/v1/";
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    Answer post(String path, JsonStructure body, String token) throws IOException, InterruptedException {
        return send("POST", path, body == null ? null : body.toString(), token);
    }

    Answer postRaw(String path, String body, String token) throws IOException, InterruptedException {
        return send("POST", path, body, token);
    }

    Answer patch(String path, JsonStructure body, String token) throws IOException, InterruptedException {
        return send("PATCH", path, body.toString(), token);
    }

    Answer put(String path, String token) throws IOException, InterruptedException {
        return send("PUT", path, null, token);
    }

    Answer put(String path, JsonStructure body, String token) throws IOException, InterruptedException {
        return send("PUT", path, body.toString(), token);
    }

    Answer delete(String path, String token) throws IOException, InterruptedException {
        return send("DELETE", path, null, token);
    }

    Answer login(String username, String password) throws IOException, InterruptedException {
        return post("auth/login", Json.createObjectBuilder().add("username", username).add("password", password)
                .build(), null);
    }

    /** The access token of a login that must succeed. */
    String accessToken(String username, String password) throws IOException, InterruptedException {
        Answer answer = login(username, password);
        if (answer.status() != 200) {
            throw new AssertionError("login of " + username + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().getString("accessToken");
    }

    /**
     * The access token of a user with {@code role} that {@code adminToken} creates for the purpose, named
     * {@code prefix} plus a fresh id; the creation must succeed.
     */
    String tokenOfNewUser(String adminToken, String prefix, String role, String password)
            throws IOException, InterruptedException {
        String name = prefix + AdminApiIT.shortId();
        Answer created = post("users", Json.createObjectBuilder().add("username", name).add("role", role)
                .add("password", password).build(), adminToken);
        if (created.status() != 201) {
            throw new AssertionError("creating " + name + " answered " + created.status() + ": " + created.body());
        }
        return accessToken(name, password);
    }

    private Answer send(String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }
}
