package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An audit interrupted by SIGKILL of the whole server (launcher, Payara Micro, PostgreSQL) resumes from its
 * checkpoint when the server starts again: the execution the kill left STARTED is marked FAILED, and the same audit
 * run is restarted, which reads only the blocks after the last checkpoint. Started and watched through the jobs API
 * of the real launcher, on the filesystem store, slowed to 4 MiB/s with a checkpoint per block so that the kill
 * comes in the middle of the walk.
 */
class AuditCrashResumeIT {
    private static final int BLOCKS = 10;
    private static final int BLOCK = 4 << 20;
    private static final String STORED_BLOCKS = "audit-stored-blocks";
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDirectory = Path.of("target/it-audit-crash").toAbsolutePath();
    private CisternProcess running;

    @AfterEach
    void stopWhatIsStillRunning() throws InterruptedException {
        if (running != null && running.process().isAlive()) {
            running.close();
        }
    }

    @Test
    void anAuditKilledWithTheServerResumesFromItsCheckpointAfterTheRestart() throws Exception {
        TestDirectories.deleteRecursively(dataDirectory);
        Map<String, String> ports = Map.of("CISTERN_NFS_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_SMB_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_HTTP_PORT", Integer.toString(CisternProcess.freePort()));
        running = CisternProcess.configure(dataDirectory, ports).startAndAwaitReady();
        writeBlocks();
        long stored = JobsApi.storedBlocks(dataDirectory);
        assertEquals(BLOCKS, stored, "one block per file, each stored once");
        AdminApiClient api = new AdminApiClient(running);
        JobsApi jobs = new JobsApi(api);
        String admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        Answer started = jobs.start("audit", Map.of("mbPerSecond", "4", "blocksPerChunk", "1"), null, admin);
        assertEquals(202, started.status(), started.body());
        long killed = started.json().getJsonNumber("id").longValue();
        jobs.await("audit", killed, admin, e -> JobsApi.done(e, STORED_BLOCKS) >= 3, LIMIT);

        String what = CisternCrash.killAll(CisternCrash.processesOf(running), GONE_TIMEOUT);
        CisternCrash.awaitPortsFree(ports.values().stream().map(Integer::parseInt).toList(), GONE_TIMEOUT);
        System.out.println("AuditCrashResumeIT: SIGKILL " + what + " during audit execution " + killed);
        running = CisternProcess.configure(dataDirectory, ports).startAndAwaitReady();
        api = new AdminApiClient(running);
        jobs = new JobsApi(api);
        admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        long resumedId = awaitResumption(api, admin, killed);
        JsonObject resumed = jobs.awaitEnd("audit", resumedId, admin, LIMIT);
        JsonObject interrupted = jobs.execution("audit", killed, admin);

        assertEquals("FAILED", interrupted.getString("status"), interrupted.toString());
        assertEquals("the server stopped while it ran", interrupted.getString("exitStatus"));
        assertEquals("COMPLETED", resumed.getString("status"), resumed.toString());
        assertEquals(interrupted.getJsonNumber("instanceId").longValue(), resumed.getJsonNumber("instanceId").longValue(),
                "the same audit run, restarted rather than begun anew");
        assertEquals("4", resumed.getJsonObject("parameters").getString("mbPerSecond"), "with its parameters");
        long checkpointed = JobsApi.done(interrupted, STORED_BLOCKS);
        long readAfter = JobsApi.read(resumed, STORED_BLOCKS);
        assertTrue(checkpointed >= 3 && checkpointed < BLOCKS, "killed within the walk: " + checkpointed);
        assertEquals(stored, checkpointed + readAfter, "the resumed run read only what came after the checkpoint: "
                + checkpointed + " before the kill, " + readAfter + " after");
        assertEquals(readAfter, JobsApi.done(resumed, STORED_BLOCKS), "its own checkpoints count the same");
        assertEquals(0, api.get("jobs/audit/findings?execution=" + resumedId, admin).array().size(),
                "nothing is wrong with the blocks");
    }

    /** The execution that resumes the killed audit, started by the server a few seconds after its start. */
    private static long awaitResumption(AdminApiClient api, String token, long killed) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            JsonObject audit = api.get("jobs/audit", token).json();
            JsonObject last = audit.getJsonObject("lastExecution");
            long id = last.getJsonNumber("id").longValue();
            if (id != killed) {
                assertNotEquals(killed, id);
                return id;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no audit execution resumed " + killed + ": " + audit);
            }
            Thread.sleep(500);
        }
    }

    /** {@value #BLOCKS} files of one distinct block each, over SMB, then waits until every block is stored. */
    private void writeBlocks() throws Exception {
        try (SMBClient client = new SMBClient(); DiskShare share = (DiskShare) client.connect("127.0.0.1",
                running.smbPort()).authenticate(new AuthenticationContext("admin",
                CisternProcess.ADMIN_PASSWORD.toCharArray(), "")).connectShare("data")) {
            for (int i = 0; i < BLOCKS; i++) {
                byte[] content = AdminJobsIT.random(BLOCK, 1000 + i);
                SmbFilesIT.write(share, "block-" + i + ".bin", content);
                JobsApi.awaitStored(dataDirectory, JobsApi.sha256(content, 0, BLOCK), LIMIT);
            }
        }
    }
}
