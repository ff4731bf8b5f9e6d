package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.batch.audit.AuditJobs;
import io.cistern.batch.schedule.JobScheduler;
import io.cistern.batch.schedule.ScheduleView;
import io.cistern.batch.schedule.UnknownJobException;
import io.cistern.batch.stats.StatsJobs;
import io.cistern.core.it.CoreArchive;
import io.cistern.core.model.JobSchedule;
import io.cistern.core.schedule.CronSchedule;
import io.cistern.core.schedule.InvalidScheduleException;
import io.cistern.core.schedule.ScheduleSettings;
import io.cistern.core.stats.LastStatistics;
import io.cistern.core.stats.ShareFigures;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JobScheduler's EJB timers inside a real Payara Micro: a schedule every two seconds really starts the job, a
 * change replaces the timer at once (no restart), {@code off} stops it, a fire while the job runs is skipped, and a bad
 * schedule is refused naming its field with the old one kept.
 */
@ExtendWith(ArquillianExtension.class)
class JobScheduleIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String EVERY_TWO_SECONDS = "*/2 * * * * *";
    private static final String AUDIT_RATE = "cistern.audit.mb.per.second";

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("schedule-it.war")
                .addPackage("io.cistern.core.audit")
                .addPackage("io.cistern.core.gc")
                .addPackage("io.cistern.batch")
                .addPackage("io.cistern.batch.upload")
                .addPackage("io.cistern.batch.audit")
                .addPackage("io.cistern.batch.gc")
                .addPackage("io.cistern.batch.stats")
                .addPackage("io.cistern.batch.schedule")
                .addAsResource("META-INF/batch-jobs/upload.xml")
                .addAsResource("META-INF/batch-jobs/audit.xml")
                .addAsResource("META-INF/batch-jobs/gc.xml")
                .addAsResource("META-INF/batch-jobs/stats.xml")
                .addClasses(ShareFiles.class, BatchWaits.class);
    }

    @EJB
    private JobScheduler scheduler;
    @EJB
    private ScheduleSettings settings;
    @EJB
    private StatsJobs statsJobs;
    @EJB
    private AuditJobs auditJobs;
    @EJB
    private LastStatistics last;
    @EJB
    private ShareFiles files;

    @Test
    void aScheduleEveryTwoSecondsStartsTheJobAndAChangeTakesEffectAtOnce() throws InterruptedException {
        try {
            ScheduleView yearly = scheduler.change("stats", "0 0 1 1 *", "it");
            assertTrue(yearly.nextRun().isAfter(Instant.now().plusSeconds(60)), yearly::toString);
            long executionBefore = statsJobs.lastExecution();
            Thread.sleep(3_000);
            assertEquals(executionBefore, statsJobs.lastExecution(), "nothing fires before New Year");

            Instant changed = Instant.now();
            ScheduleView often = scheduler.change("stats", EVERY_TWO_SECONDS, "it");
            assertEquals(EVERY_TWO_SECONDS, often.schedule());
            assertTrue(often.nextRun().isBefore(changed.plusSeconds(3)), often::toString);
            assertEquals(EVERY_TWO_SECONDS, settings.find("stats").map(JobSchedule::getExpression).orElseThrow(),
                    "stored as a setting");
            BatchWaits.await("a stats run started by the timer", Duration.ofSeconds(10),
                    () -> statsJobs.lastExecution() != executionBefore);
            long execution = statsJobs.lastExecution();
            assertEquals(BatchStatus.COMPLETED, BatchWaits.awaitEnd(execution, LIMIT));
            // a slow run (a loaded machine) can still be going at the next fire, two seconds on, which then skips
            // and names it: either way the outcome is the timer's
            String outcome = scheduler.get("stats").lastOutcome();
            assertTrue(outcome.startsWith("started execution ")
                    || outcome.matches("skipped: statistics execution \\d+ is running; wait for it to end"),
                    scheduler.get("stats")::toString);
            assertTrue(last.snapshot().shares().stream().map(ShareFigures::computedAt).allMatch(changed::isBefore),
                    "the statistics are the timer's run's");

            ScheduleView off = scheduler.change("stats", "off", "it");
            assertNull(off.nextRun());
            assertEquals("off", off.schedule());
            BatchWaits.awaitEnd(statsJobs.lastExecution(), LIMIT);
            long lastRun = statsJobs.lastExecution();
            long fires = scheduler.get("stats").fires();
            Thread.sleep(4_000);
            assertEquals(lastRun, statsJobs.lastExecution(), "off: no run");
            assertEquals(fires, scheduler.get("stats").fires(), "off: no fire");
        } finally {
            scheduler.change("stats", "0 * * * *", "it");
        }
    }

    @Test
    void aFireWhileTheJobStillRunsIsSkipped() throws InterruptedException {
        String share = "schedule-it-" + UUID.randomUUID().toString().substring(0, 8);
        files.createShare(share);
        byte[] content = new byte[12 << 20];
        new Random(5).nextBytes(content);
        files.write(share, "slow-to-audit", content);
        assertTrue(files.awaitUploaded(LIMIT));
        JobOperator operator = BatchRuntime.getJobOperator();
        System.setProperty(AUDIT_RATE, "1");   // 1 MiB/s: the audit of 12 MiB or more takes longer than the test waits
        long running = -1;
        try {
            Properties oneBlockPerChunk = new Properties();
            oneBlockPerChunk.setProperty("blocksPerChunk", "1");   // so that the stop below takes within a block
            running = auditJobs.start(oneBlockPerChunk);
            int instancesBefore = instances(operator, "audit");
            scheduler.change("audit", EVERY_TWO_SECONDS, "it");

            BatchWaits.await("two fires skipped", Duration.ofSeconds(10), () -> scheduler.get("audit").skipped() >= 2);

            ScheduleView audit = scheduler.get("audit");
            assertEquals(audit.fires(), audit.skipped(), "every fire came while the audit ran: " + audit);
            assertTrue(audit.lastOutcome().startsWith("skipped: audit execution " + running + " is running"),
                    audit::toString);
            assertEquals(running, auditJobs.lastExecution(), "no second audit");
            assertEquals(instancesBefore, instances(operator, "audit"), "no second audit in the job repository");
            assertEquals(BatchStatus.STARTED, operator.getJobExecution(running).getBatchStatus());
        } finally {
            scheduler.change("audit", "0 4 * * 0", "it");
            System.clearProperty(AUDIT_RATE);
            if (running >= 0) {
                operator.stop(running);
                assertEquals(BatchStatus.STOPPED, BatchWaits.awaitEnd(running, LIMIT));
            }
        }
    }

    @Test
    void aBadScheduleIsRefusedNamingTheFieldAndTheOldOneStays() {
        ScheduleView before = scheduler.get("gc");

        InvalidScheduleException refused = assertThrows(InvalidScheduleException.class,
                () -> scheduler.change("gc", "0 25 * * *", "it"));
        assertEquals("hour", refused.field());
        assertTrue(refused.getMessage().contains("25 is outside 0-23"), refused::getMessage);

        Map<String, String> both = new LinkedHashMap<>();
        both.put("gc", "0 2 * * *");
        both.put("stats", "every hour");
        InvalidScheduleException oneBad = assertThrows(InvalidScheduleException.class,
                () -> scheduler.changeAll(both, "it"));
        assertEquals("stats", oneBad.field(), "the job whose schedule is wrong");
        assertEquals(before.schedule(), scheduler.get("gc").schedule(), "all or nothing");
        assertEquals(before.nextRun(), scheduler.get("gc").nextRun());

        assertThrows(UnknownJobException.class, () -> scheduler.change("upload", "0 * * * *", "it"),
                "the upload job keeps its own scheduler");
        assertThrows(UnknownJobException.class, () -> scheduler.get("nothing"));
        // the test server runs with CISTERN_DEFAULT_SCHEDULES=off (pom.xml), and no test sets gc's schedule
        assertEquals(CronSchedule.OFF, before.schedule(), "without default schedules a job never set has none");
        assertNull(before.nextRun());
        assertEquals("0 3 * * *", before.defaultSchedule(), "the default is still shown");
    }

    private static int instances(JobOperator operator, String job) {
        try {
            return operator.getJobInstanceCount(job);
        } catch (NoSuchJobException e) {
            return 0;
        }
    }
}
