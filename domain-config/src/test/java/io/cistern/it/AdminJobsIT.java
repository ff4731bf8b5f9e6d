package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch jobs through the admin API on the shared server (filesystem store): listing, starting with parameters,
 * watching, findings with the files they affect, stop and restart, every role and every error, and the audit log.
 */
@ExtendWith(SharedCistern.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminJobsIT {
    private static final int BLOCK = 4 << 20;
    private static final Duration UPLOAD_LIMIT = Duration.ofSeconds(120);
    private static final Duration JOB_LIMIT = Duration.ofSeconds(180);

    private CisternProcess cistern;
    private AdminApiClient api;
    private JobsApi jobs;
    private String admin;
    private String operator;
    private String viewer;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.jobs = new JobsApi(api);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        this.operator = tokenOfNew("operator");
        this.viewer = tokenOfNew("viewer");
    }

    @Test
    @Order(1)
    void theJobsAreListedForEveryRoleAndUnknownOnesAre404() throws Exception {
        Answer listed = api.get("jobs", viewer);
        assertEquals(200, listed.status(), listed.body());
        List<JsonObject> all = listed.array().getValuesAs(JsonObject.class);
        assertEquals(List.of("audit", "gc", "stats", "upload"),
                all.stream().limit(4).map(j -> j.getString("name")).toList());
        assertTrue(all.get(0).getBoolean("startable"));
        assertTrue(all.get(2).getBoolean("startable"), "statistics are started by hand too");
        assertFalse(all.get(3).getBoolean("startable"), "the server starts the upload");
        assertTrue(all.get(0).getString("description").contains("repair"), all.get(0).toString());
        assertEquals(200, api.get("jobs/gc", viewer).status());
        assertEquals(401, api.get("jobs", null).status());

        assertError(api.get("jobs/nope", viewer), 404, "no_such_job");
        assertError(api.get("jobs/nope/executions", viewer), 404, "no_such_job");
        assertError(api.get("jobs/audit/executions/987654321", viewer), 404, "no_such_execution");
        assertError(api.get("jobs/audit/executions?limit=0", viewer), 400, "invalid_limit");
        assertError(api.get("jobs/audit/executions?limit=501", viewer), 400, "invalid_limit");
        assertError(api.get("jobs/audit/findings?kind=ROTTEN", viewer), 400, "invalid_kind");
        assertError(api.get("jobs/audit/findings?execution=987654321", viewer), 404, "no_such_execution");
    }

    @Test
    @Order(2)
    void anAuditFindsADamagedBlockNamingItsFileAndRepairPutsItBack() throws Exception {
        String name = "jobs-" + AdminApiIT.shortId() + ".bin";
        byte[] content = random(BLOCK + 1000, 7_310_031L);
        writeOverSmb(name, content);
        String hash = JobsApi.sha256(content, 0, BLOCK);
        JobsApi.awaitStored(cistern.dataDirectory(), hash, UPLOAD_LIMIT);
        Path blockFile = JobsApi.blockFile(cistern.dataDirectory(), hash);
        byte[] stored = Files.readAllBytes(blockFile);
        stored[1000] ^= 0x01;
        Files.write(blockFile, stored);

        Answer started = jobs.start("audit", Map.of(), null, operator);
        assertEquals(202, started.status(), started.body());
        long id = started.json().getJsonNumber("id").longValue();
        assertTrue(started.raw().headers().firstValue("Location").orElseThrow().endsWith("/jobs/audit/executions/" + id));
        JsonObject done = jobs.awaitEnd("audit", id, viewer, JOB_LIMIT);

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(List.of("audit-stored-blocks", "audit-references", "audit-refcounts"), done.getJsonArray("steps")
                .getValuesAs(JsonObject.class).stream().map(s -> s.getString("name")).toList());
        assertTrue(JobsApi.read(done, "audit-stored-blocks") >= 2, done.toString());
        JsonObject progress = done.getJsonObject("progress");
        assertEquals("audit-refcounts", progress.getString("step"));
        assertFalse(done.getString("endedAt").isEmpty());
        JsonObject finding = findingOf(id, hash);
        assertEquals("CORRUPT", finding.getString("kind"));
        assertFalse(finding.getBoolean("repaired"));
        assertEquals(List.of("/data/" + name), finding.getJsonArray("paths").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertEquals(0, api.get("jobs/audit/findings?execution=" + id + "&kind=MISSING", viewer).array().size());

        Answer repairing = jobs.start("audit", Map.of(), true, operator);
        assertEquals(202, repairing.status(), repairing.body());
        long repairId = repairing.json().getJsonNumber("id").longValue();
        assertEquals("true", repairing.json().getJsonObject("parameters").getString("repair"));
        assertEquals("COMPLETED", jobs.awaitEnd("audit", repairId, viewer, JOB_LIMIT).getString("status"));

        JsonObject repaired = findingOf(repairId, hash);
        assertTrue(repaired.getBoolean("repaired"), repaired.toString());
        assertTrue(repaired.getString("detail").contains("good copy in the cache"), repaired.toString());
        byte[] healed = Files.readAllBytes(blockFile);
        assertEquals(hash, JobsApi.sha256(healed, 0, BLOCK), "the block file holds the block again");
        assertArrayEquals(content, readOverSmb(name));
        assertTrue(auditLogHas("job.start", "audit", "repair=true"), "the start is in the audit log");
    }

    @Test
    @Order(3)
    void viewersMayNotStartStopOrRestartAndBadStartsAreRefused() throws Exception {
        assertError(jobs.start("audit", Map.of(), null, viewer), 403, null);
        assertEquals(401, jobs.start("audit", Map.of(), null, null).status());
        assertError(jobs.start("upload", Map.of(), null, operator), 409, "job_not_startable");
        assertError(jobs.start("nope", Map.of(), null, operator), 404, "no_such_job");
        assertError(jobs.start("audit", Map.of("no spaces", "1"), null, operator), 400, "invalid_parameters");
        assertError(jobs.start("gc", Map.of(), true, operator), 400, "invalid_repair");
        long last = api.get("jobs/audit", viewer).json().getJsonObject("lastExecution").getJsonNumber("id").longValue();
        assertError(api.post("jobs/audit/executions/" + last + "/stop", null, viewer), 403, null);
        assertError(api.post("jobs/audit/executions/" + last + "/restart", null, viewer), 403, null);
        assertError(api.post("jobs/audit/executions/" + last + "/stop", null, operator), 409, "not_running");
        assertError(api.post("jobs/audit/executions/" + last + "/restart", null, operator), 409, "not_restartable");
        assertError(api.post("jobs/audit/executions/987654321/stop", null, operator), 404, "no_such_execution");
        assertError(api.post("jobs/upload/executions/" + last + "/restart", null, operator), 404, "no_such_execution");

        Answer gc = jobs.start("gc", Map.of(), null, admin);
        assertEquals(202, gc.status(), gc.body());
        JsonObject collected = jobs.awaitEnd("gc", gc.json().getJsonNumber("id").longValue(), viewer, JOB_LIMIT);
        assertEquals("COMPLETED", collected.getString("status"), collected.toString());
        assertTrue(api.get("jobs/gc/executions?limit=1", viewer).array().getJsonObject(0).getJsonNumber("id")
                .longValue() >= collected.getJsonNumber("id").longValue());
    }

    @Test
    @Order(4)
    void aRunningAuditRefusesASecondStartAndIsStoppedAndRestartedFromItsCheckpoint() throws Exception {
        for (int i = 0; i < 3; i++) {
            byte[] content = random(BLOCK, 7_310_040L + i);
            writeOverSmb("slow-" + AdminApiIT.shortId() + ".bin", content);
            JobsApi.awaitStored(cistern.dataDirectory(), JobsApi.sha256(content, 0, BLOCK), UPLOAD_LIMIT);
        }
        // 1 MiB/s and a checkpoint per block: a 4 MiB block takes seconds, so the walk is still going when stopped
        Answer started = jobs.start("audit", Map.of("mbPerSecond", "1", "blocksPerChunk", "1"), null, operator);
        assertEquals(202, started.status(), started.body());
        long first = started.json().getJsonNumber("id").longValue();
        jobs.await("audit", first, viewer, e -> e.getString("status").equals("STARTED")
                && JobsApi.step(e, "audit-stored-blocks").isPresent(), JOB_LIMIT);
        assertError(jobs.start("audit", Map.of(), null, operator), 409, "job_running");
        assertEquals(first, api.get("jobs/audit", viewer).json().getJsonNumber("runningExecution").longValue());
        JsonObject frame = api.get("events/now", viewer).json();
        assertTrue(frame.getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                .anyMatch(job -> "audit".equals(job.getString("job")) && job.getJsonNumber("id").longValue() == first),
                () -> "the live view shows the running audit: " + frame);

        Answer stopping = api.post("jobs/audit/executions/" + first + "/stop", null, operator);
        assertEquals(202, stopping.status(), stopping.body());
        JsonObject stopped = jobs.awaitEnd("audit", first, viewer, JOB_LIMIT);
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());

        Answer restarted = api.post("jobs/audit/executions/" + first + "/restart", null, admin);
        assertEquals(202, restarted.status(), restarted.body());
        JsonObject second = restarted.json();
        assertNotEquals(first, second.getJsonNumber("id").longValue());
        assertEquals(stopped.getJsonNumber("instanceId").longValue(), second.getJsonNumber("instanceId").longValue(),
                "the same audit run, restarted");
        assertEquals("1", second.getJsonObject("parameters").getString("mbPerSecond"), "with its parameters");
        long secondId = second.getJsonNumber("id").longValue();
        jobs.await("audit", secondId, viewer, e -> e.getString("status").equals("STARTED"), JOB_LIMIT);
        assertError(api.post("jobs/audit/executions/" + first + "/restart", null, operator), 409, "job_running");
        assertEquals(202, api.post("jobs/audit/executions/" + secondId + "/stop", null, admin).status());
        assertEquals("STOPPED", jobs.awaitEnd("audit", secondId, viewer, JOB_LIMIT).getString("status"));
        assertError(api.post("jobs/audit/executions/" + first + "/restart", null, operator), 409, "not_restartable");
        List<JsonObject> history = api.get("jobs/audit/executions?limit=2", viewer).array()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(secondId, first), history.stream().map(e -> e.getJsonNumber("id").longValue()).toList(),
                "newest first");
        assertTrue(auditLogHas("job.stop", "audit/" + first, null) && auditLogHas("job.restart", "audit/" + first, null));

        // a start resumes the stopped run with its own parameters: asking for others is refused, naming them
        Answer repairing = jobs.start("audit", Map.of(), true, operator);
        assertError(repairing, 409, "resume_conflict");
        assertEquals("repair", repairing.field(), repairing.body());
        assertTrue(repairing.json().getString("message").contains("repair=true"), repairing.body());
        Answer faster = jobs.start("audit", Map.of("mbPerSecond", "200"), null, operator);
        assertError(faster, 409, "resume_conflict");
        assertEquals("mbPerSecond", faster.field(), faster.body());
        assertEquals(secondId, api.get("jobs/audit", viewer).json().getJsonObject("lastExecution")
                .getJsonNumber("id").longValue(), "nothing was started");
        Answer resumed = jobs.start("audit", Map.of("mbPerSecond", "1"), false, operator);
        assertEquals(202, resumed.status(), "the run's own values resume it: " + resumed.body());
        long resumedId = resumed.json().getJsonNumber("id").longValue();
        assertEquals(stopped.getJsonNumber("instanceId").longValue(),
                resumed.json().getJsonNumber("instanceId").longValue(), "the same run, resumed");
        assertEquals(202, api.post("jobs/audit/executions/" + resumedId + "/stop", null, admin).status());
        assertEquals("STOPPED", jobs.awaitEnd("audit", resumedId, viewer, JOB_LIMIT).getString("status"));
    }

    @Test
    @Order(5)
    void statisticsStartedThroughTheApiRunToTheEnd() throws Exception {
        Answer started = jobs.start("stats", Map.of(), null, operator);
        assertEquals(202, started.status(), started.body());
        JsonObject done = jobs.awaitEnd("stats", started.json().getJsonNumber("id").longValue(), viewer, JOB_LIMIT);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Answer statistics = api.get("statistics", viewer);
        assertEquals(200, statistics.status(), statistics.body());
        assertTrue(statistics.json().getJsonArray("shares").getValuesAs(JsonObject.class).stream()
                .anyMatch(share -> "data".equals(share.getString("share"))), statistics.body());
    }

    @Test
    @Order(6)
    void theOpenApiDocumentListsTheJobsEndpoints() throws Exception {
        String openapi = Http.get(cistern.httpBase() + "/openapi").body();
        for (String path : List.of("/api/v1/jobs", "/api/v1/jobs/{name}/executions", "/api/v1/jobs/{name}/executions/{id}",
                "/api/v1/jobs/{name}/executions/{id}/stop", "/api/v1/jobs/{name}/executions/{id}/restart",
                "/api/v1/jobs/audit/findings")) {
            assertTrue(openapi.contains(path + ":"), "OpenAPI lacks " + path);
        }
    }

    private JsonObject findingOf(long execution, String hash) throws Exception {
        Answer findings = api.get("jobs/audit/findings?execution=" + execution, viewer);
        assertEquals(200, findings.status(), findings.body());
        return findings.array().getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("block").equals(hash)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding about " + hash + ": " + findings.body()));
    }

    private boolean auditLogHas(String action, String target, String detail) throws Exception {
        return api.get("audit?limit=200", admin).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("action").equals(action) && e.getString("target").equals(target)
                        && (detail == null || e.toString().contains(detail)));
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        if (code != null) {
            assertEquals(code, answer.code(), answer.body());
        }
    }

    private String tokenOfNew(String role) throws Exception {
        return api.tokenOfNewUser(admin, role + "-", role, "jobs-pass-1");
    }

    private void writeOverSmb(String name, byte[] content) throws Exception {
        try (SMBClient client = new SMBClient(); DiskShare share = (DiskShare) client.connect("127.0.0.1",
                cistern.smbPort()).authenticate(new AuthenticationContext("admin",
                CisternProcess.ADMIN_PASSWORD.toCharArray(), "")).connectShare("data")) {
            SmbFilesIT.write(share, name, content);
        }
    }

    private byte[] readOverSmb(String name) throws Exception {
        try (SMBClient client = new SMBClient(); DiskShare share = (DiskShare) client.connect("127.0.0.1",
                cistern.smbPort()).authenticate(new AuthenticationContext("admin",
                CisternProcess.ADMIN_PASSWORD.toCharArray(), "")).connectShare("data")) {
            return SmbFilesIT.read(share, name);
        }
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return Arrays.copyOf(bytes, length);
    }
}
