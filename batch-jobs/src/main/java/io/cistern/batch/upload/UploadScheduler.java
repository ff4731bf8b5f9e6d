package io.cistern.batch.upload;

import io.cistern.batch.BatchExecutions;
import io.cistern.core.payload.BlockUploader;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the upload job running while the journal holds writes: checks twice a second, starts the job when there is
 * work ready (settled, as the upload's pacing says) and none is running, and restarts a failed execution from its
 * checkpoint after a back-off (the store was unreachable, say), so that an outage is retried every few seconds and
 * never given up on. An execution whose end the job repository missed (the database was away as it ended:
 * {@link UploadJobEnd}) is replaced by a new one. One execution at a time: the timer callbacks of this singleton are
 * serialized.
 */
@Singleton
@Startup
public class UploadScheduler {
    private static final Logger LOG = Logger.getLogger(UploadScheduler.class.getName());
    static final String JOB = "upload";
    private static final long TICK_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** An execution that ended this long ago and still shows as running had its end go unrecorded. */
    private static final long ENDED_UNRECORDED_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Resource
    private TimerService timers;

    @EJB
    private BlockUploader uploader;

    private long lastExecution = -1;
    private int failuresInARow;
    private long notBeforeMillis;

    /*
     * The batch runtime sets up its job repository on the first getJobOperator(), and when the database is
     * unreachable at that moment it keeps a repository that never works (every start then fails until Payara
     * restarts). At deployment the database has just answered the installer: set it up now, not at the first tick,
     * which a database restart may meet. No transaction, for the reason tick() gives.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void schedule() {
        try {
            BatchRuntime.getJobOperator();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the batch runtime did not start; the first tick tries again", e);
        }
        timers.createIntervalTimer(2_000, TICK_MILLIS, new TimerConfig("upload scheduler", false));
    }

    /*
     * No transaction: the batch runtime's own repository writes (the job instance and execution rows, and on the
     * first start its tables) must commit on their own, not wait for this callback's end. In the callback's default
     * REQUIRED transaction the first start on a fresh database failed (the tables were created in this transaction
     * and the job instance insert did not see them), costing a warning and a back-off.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (System.currentTimeMillis() < notBeforeMillis) {
            return;   // backing off: asking the repository now would only fail (and log) again
        }
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            BatchStatus status = lastExecution < 0 ? null : operator.getJobExecution(lastExecution).getBatchStatus();
            if (isRunning(status) && UploadJobEnd.endedAtLeastAgo(lastExecution, ENDED_UNRECORDED_NANOS)) {
                // it ended here, but the repository could not record that (the database was away): it would show
                // the execution running for good, and none would start again. It cannot be restarted: start anew.
                String unrecorded = "upload execution " + lastExecution + " ended, but the job repository still shows"
                        + " it " + status + " (the database was unreachable as it ended); starting a new execution";
                LOG.warning(unrecorded);
                lastExecution = -1;
                status = null;
            }
            if (isRunning(status)) {
                return;
            }
            if (status == BatchStatus.FAILED) {
                backOff(operator.getJobExecution(lastExecution));
                if (System.currentTimeMillis() < notBeforeMillis) {
                    return;
                }
            }
            if (!uploader.hasUnuploadedWrites()) {
                uploader.releaseDiscarded();
                return;
            }
            if (status != BatchStatus.FAILED && !uploader.hasSettledWork()) {
                // all of it still resting (UploadPacing): an execution now would find nothing, wait out its idle
                // time and end, one after another for as long as clients are at work, filling the job history
                return;
            }
            lastExecution = status == BatchStatus.FAILED
                    ? operator.restart(lastExecution, new Properties())
                    : operator.start(JOB, new Properties());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not start the upload job; trying again", e);
            notBeforeMillis = System.currentTimeMillis() + MAX_BACKOFF_MILLIS;
        }
    }

    /** The execution this scheduler started last, or -1: for the status API and tests. */
    public long lastExecution() {
        return lastExecution;
    }

    private void backOff(JobExecution failed) {
        if (failed.getEndTime() == null || notBeforeMillis > failed.getEndTime().getTime()) {
            return;   // already backing off from this failure
        }
        failuresInARow++;
        long delay = Math.min(MAX_BACKOFF_MILLIS, TICK_MILLIS << Math.min(failuresInARow, 10));
        notBeforeMillis = failed.getEndTime().getTime() + delay;
        LOG.warning(() -> "upload execution " + failed.getExecutionId() + " failed (" + failed.getExitStatus()
                + "); restarting it from its checkpoint in " + delay + " ms");
    }

    private boolean isRunning(BatchStatus status) {
        boolean running = BatchExecutions.isRunning(status);
        if (!running && status == BatchStatus.COMPLETED) {
            failuresInARow = 0;
        }
        return running;
    }
}
