package io.cistern.it;

import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The batch jobs' part of the admin API, as the jobs tests use it: start, watch, and the store's block files. */
final class JobsApi {
    private final AdminApiClient api;

    JobsApi(AdminApiClient api) {
        this.api = api;
    }

    /** POST jobs/{job}/executions with these parameters (and {@code repair} when not null). */
    Answer start(String job, Map<String, String> parameters, Boolean repair, String token)
            throws IOException, InterruptedException {
        JsonObjectBuilder body = Json.createObjectBuilder();
        JsonObjectBuilder values = Json.createObjectBuilder();
        parameters.forEach(values::add);
        body.add("parameters", values);
        if (repair != null) {
            body.add("repair", repair);
        }
        return api.post("jobs/" + job + "/executions", body.build(), token);
    }

    JsonObject execution(String job, long id, String token) throws IOException, InterruptedException {
        Answer answer = api.get("jobs/" + job + "/executions/" + id, token);
        if (answer.status() != 200) {
            throw new AssertionError("execution " + id + " of " + job + ": " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /** Polls the execution until {@code until} holds; fails after {@code limit}. */
    JsonObject await(String job, long id, String token, Predicate<JsonObject> until, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonObject execution = execution(job, id, token);
            if (until.test(execution)) {
                return execution;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(job + " execution " + id + " after " + limit + ": " + execution);
            }
            Thread.sleep(200);
        }
    }

    /** Polls the execution until it has ended (COMPLETED, FAILED, STOPPED or ABANDONED). */
    JsonObject awaitEnd(String job, long id, String token, Duration limit) throws IOException, InterruptedException {
        return await(job, id, token, execution -> Stream.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED")
                .anyMatch(execution.getString("status")::equals), limit);
    }

    /** The items one step of the execution read, as the batch runtime counted them when the step ended. */
    static long read(JsonObject execution, String step) {
        return stepNumber(execution, step, "read");
    }

    /** The items one step of the execution had read at its last checkpoint; 0 before the step began. */
    static long done(JsonObject execution, String step) {
        return stepNumber(execution, step, "itemsDone");
    }

    private static long stepNumber(JsonObject execution, String step, String field) {
        JsonArray steps = execution.getJsonArray("steps");
        return steps.getValuesAs(JsonObject.class).stream().filter(s -> s.getString("name").equals(step))
                .mapToLong(s -> s.getJsonNumber(field).longValue()).sum();
    }

    /** The file that holds a block of the filesystem store under the data directory. */
    static Path blockFile(Path dataDirectory, String hashHex) {
        return dataDirectory.resolve("blocks").resolve(hashHex.substring(0, 2)).resolve(hashHex.substring(2, 4))
                .resolve(hashHex);
    }

    /** How many block files the filesystem store holds. */
    static long storedBlocks(Path dataDirectory) throws IOException {
        try (Stream<Path> files = Files.walk(dataDirectory.resolve("blocks"))) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}")).count();
        }
    }

    /** Waits until the block's file is in the store (the upload has stored it). */
    static void awaitStored(Path dataDirectory, String hashHex, Duration limit) throws InterruptedException {
        Path file = blockFile(dataDirectory, hashHex);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.isRegularFile(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("block " + hashHex + " not stored after " + limit);
            }
            Thread.sleep(200);
        }
    }

    static String sha256(byte[] bytes, int from, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, from, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<JsonObject> step(JsonObject execution, String name) {
        return execution.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals(name)).findFirst();
    }
}
