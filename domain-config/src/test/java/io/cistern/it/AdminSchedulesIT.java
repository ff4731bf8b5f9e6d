package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schedules and statistics through the admin API on the shared server: reading and setting schedules (one and
 * several), the errors (bad expressions naming the field, unknown jobs, empty bodies), roles, audit events, and a
 * schedule every two seconds that really runs the statistics job, whose figures then show in the API and /metrics.
 */
@ExtendWith(SharedCistern.class)
class AdminSchedulesIT {
    private static final Pattern DATA_LOGICAL_BYTES = Pattern.compile(
            "^cistern_share_logical_bytes\\{[^}]*share=\"data\"[^}]*\\}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern STORE_PHYSICAL_BYTES = Pattern.compile(
            "^cistern_store_physical_bytes(?:\\{[^}]*\\})?\\s+(\\S+)", Pattern.MULTILINE);

    private CisternProcess cistern;
    private AdminApiClient api;
    private String admin;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    @Test
    void theScheduledJobsAreListedWithTheirDefaults() throws Exception {
        Answer listed = api.get("schedules", admin);
        assertEquals(200, listed.status(), listed.body());
        Map<String, JsonObject> byJob = listed.array().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(s -> s.getString("job"), s -> s));
        assertEquals(List.of("audit", "gc", "stats"), byJob.keySet().stream().sorted().toList(), "the upload job has none");
        assertEquals("0 * * * *", byJob.get("stats").getString("defaultSchedule"));
        assertEquals("0 3 * * *", byJob.get("gc").getString("defaultSchedule"));
        assertEquals("0 4 * * 0", byJob.get("audit").getString("defaultSchedule"));
        Answer one = api.get("schedules/gc", admin);
        assertEquals(200, one.status(), one.body());
        assertEquals("gc", one.json().getString("job"));
        assertTrue(one.json().containsKey("nextRun") || "off".equals(one.json().getString("schedule")), one.body());
        assertEquals(404, api.get("schedules/upload", admin).status());
        assertEquals("not_found", api.get("schedules/nothing", admin).code());
    }

    @Test
    void aScheduleIsSetAtOnceAndABadOneIsRefusedNamingTheField() throws Exception {
        try {
            Answer set = api.put("schedules/gc", schedule("30 2 * * Mon-Fri"), admin);
            assertEquals(200, set.status(), set.body());
            assertEquals("30 2 * * 1-5", set.json().getString("schedule"));
            assertEquals("admin", set.json().getString("changedBy"));
            Instant next = Instant.parse(set.json().getString("nextRun").replaceFirst("\\[.*]$", ""));
            assertTrue(next.isAfter(Instant.now()), set.body());

            Answer badHour = api.put("schedules/gc", schedule("0 25 * * *"), admin);
            assertFieldRefused(badHour, "schedule");
            assertTrue(badHour.json().getString("message").startsWith("hour: "), badHour.body());
            assertFieldRefused(api.put("schedules/gc", schedule("0 3 * *"), admin), "schedule");
            assertFieldRefused(api.put("schedules/gc", Json.createObjectBuilder().build(), admin), "schedule");
            assertEquals("30 2 * * 1-5", api.get("schedules/gc", admin).json().getString("schedule"), "kept");
            assertEquals(404, api.put("schedules/upload", schedule("0 * * * *"), admin).status());

            Answer off = api.put("schedules/gc", schedule("OFF"), admin);
            assertEquals(200, off.status(), off.body());
            assertEquals("off", off.json().getString("schedule"));
            assertFalse(off.json().containsKey("nextRun") && !off.json().isNull("nextRun"), off.body());
        } finally {
            assertEquals(200, api.put("schedules/gc", schedule("0 3 * * *"), admin).status());
        }
    }

    @Test
    void severalSchedulesAreSetAllOrNothing() throws Exception {
        try {
            Answer both = api.put("schedules", Json.createObjectBuilder().add("gc", "0 1 * * *").add("audit", "off")
                    .build(), admin);
            assertEquals(200, both.status(), both.body());
            Map<String, String> schedules = both.array().getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(s -> s.getString("job"), s -> s.getString("schedule")));
            assertEquals("0 1 * * *", schedules.get("gc"));
            assertEquals("off", schedules.get("audit"));

            Answer oneBad = api.put("schedules", Json.createObjectBuilder().add("gc", "0 5 * * *")
                    .add("stats", "0 0 0 * *").build(), admin);
            assertFieldRefused(oneBad, "stats");
            assertTrue(oneBad.json().getString("message").contains("dayOfMonth"), oneBad.body());
            assertEquals("0 1 * * *", api.get("schedules/gc", admin).json().getString("schedule"), "nothing changed");
            assertEquals(404, api.put("schedules", Json.createObjectBuilder().add("upload", "off").build(), admin)
                    .status());
            assertFieldRefused(api.put("schedules", Json.createObjectBuilder().build(), admin), "schedules");
        } finally {
            assertEquals(200, api.put("schedules", Json.createObjectBuilder().add("gc", "0 3 * * *")
                    .add("audit", "0 4 * * 0").build(), admin).status());
        }
    }

    @Test
    void viewersReadOperatorsAndAdminsChange() throws Exception {
        String viewer = tokenOfNew("viewer");
        String operator = tokenOfNew("operator");
        assertEquals(401, api.get("schedules", null).status());
        assertEquals(401, api.get("schedules/gc", null).status());
        assertEquals(401, api.put("schedules/gc", schedule("0 3 * * *"), null).status());
        assertEquals(401, api.get("statistics", null).status());
        assertEquals(200, api.get("schedules", viewer).status());
        assertEquals(200, api.get("schedules/audit", viewer).status());
        assertEquals(200, api.get("statistics", viewer).status());
        assertEquals(403, api.put("schedules/gc", schedule("0 3 * * *"), viewer).status());
        assertEquals(403, api.put("schedules", Json.createObjectBuilder().add("gc", "0 3 * * *").build(), viewer)
                .status());
        assertEquals(200, api.put("schedules/gc", schedule("0 3 * * *"), operator).status());
        assertEquals(200, api.put("schedules", Json.createObjectBuilder().add("gc", "0 3 * * *").build(), operator)
                .status());
    }

    @Test
    void everyScheduleChangeIsAudited() throws Exception {
        assertEquals(200, api.put("schedules/audit", schedule("0 4 * * Sun"), admin).status());
        assertEquals(400, api.put("schedules/audit", schedule("0 4 * * Someday"), admin).status());
        assertEquals(200, api.put("schedules", Json.createObjectBuilder().add("audit", "0 4 * * 0").build(), admin)
                .status());

        List<JsonObject> events = api.get("audit?limit=100", admin).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("action").equals("schedule.set")).limit(3).toList();
        List<String> seen = events.stream().map(e -> e.getString("target") + ":" + e.getBoolean("success")).toList();
        assertEquals(List.of("schedules:true", "audit:false", "audit:true"), seen, events.toString());
        assertTrue(events.stream().allMatch(e -> e.getString("actor").equals("admin")), events.toString());
    }

    @Test
    void aScheduleEveryTwoSecondsRunsTheStatisticsJobWhoseFiguresShowInTheApiAndMetrics() throws Exception {
        Instant changed = Instant.now();
        try {
            assertEquals(200, api.put("schedules/stats", schedule("*/2 * * * * *"), admin).status());
            awaitStatisticsComputedAfter(changed, Duration.ofSeconds(60));
        } finally {
            assertEquals(200, api.put("schedules/stats", schedule("off"), admin).status());
        }
        Thread.sleep(3_000);   // a run that began just before "off" has ended
        JsonObject statistics = api.get("statistics", admin).json();
        JsonObject data = statistics.getJsonArray("shares").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("share").equals("data")).findFirst().orElseThrow();
        JsonObject store = statistics.getJsonArray("stores").getJsonObject(0);
        assertTrue(data.getJsonNumber("dedupRatio").doubleValue() >= 1.0, data.toString());
        assertTrue(store.getString("store").equals("default") && store.getString("kind").equals("filesystem")
                && store.getJsonNumber("blocks").longValue() >= 0
                && store.containsKey("referencedBytes") && store.containsKey("computedAt"), store.toString());
        String metrics = Http.get(cistern.httpBase() + "/metrics").body();
        assertEquals(data.getJsonNumber("logicalBytes").longValue(), (long) gauge(DATA_LOGICAL_BYTES, metrics),
                "/metrics shows the stored figure");
        assertEquals(store.getJsonNumber("physicalBytes").longValue(), (long) gauge(STORE_PHYSICAL_BYTES, metrics));
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        assertTrue(openapi.contains("/api/v1/schedules/{job}") && openapi.contains("/api/v1/statistics"));
        assertEquals(200, api.put("schedules/stats", schedule("0 * * * *"), admin).status());
    }

    private void awaitStatisticsComputedAfter(Instant changed, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonObject statistics = api.get("statistics", admin).json();
            boolean fresh = !statistics.getJsonArray("stores").isEmpty() && Instant.parse(statistics.getJsonArray(
                    "stores").getJsonObject(0).getString("computedAt").replaceFirst("\\[.*]$", "")).isAfter(changed);
            if (fresh) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no statistics computed by the timer within " + limit + ": " + statistics
                        + "; schedule " + api.get("schedules/stats", admin).body());
            }
            Thread.sleep(250);
        }
    }

    private static double gauge(Pattern pattern, String metrics) {
        Matcher matcher = pattern.matcher(metrics);
        if (!matcher.find()) {
            throw new AssertionError(pattern + " not in /metrics:\n" + metrics.lines()
                    .filter(line -> line.contains("cistern_s")).collect(Collectors.joining("\n")));
        }
        return Double.parseDouble(matcher.group(1));
    }

    private String tokenOfNew(String role) throws Exception {
        return api.tokenOfNewUser(admin, "sc" + role.charAt(0) + "-", role, "schedule-pass-1");
    }

    private static JsonObject schedule(String expression) {
        return Json.createObjectBuilder().add("schedule", expression).build();
    }

    private static void assertFieldRefused(Answer answer, String field) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(field, answer.field(), answer.body());
        assertEquals("invalid_" + field, answer.code(), answer.body());
    }
}
