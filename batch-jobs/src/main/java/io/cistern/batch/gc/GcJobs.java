package io.cistern.batch.gc;

import io.cistern.batch.BatchExecutions;
import io.cistern.batch.ResumeConflictException;
import io.cistern.batch.ResumedParameters;
import io.cistern.batch.StaleExecutions;
import io.cistern.core.gc.GcSettings;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts the garbage collection job, one execution at a time, as {@code AuditJobs} does for the audit: the singleton's
 * container lock serializes the calls, and a call while the execution this server started last is still STARTING,
 * STARTED or STOPPING is refused. A collection that failed or was stopped is restarted from its checkpoints (with the
 * grace it started with) rather than begun anew.
 *
 * <p>An execution that the job repository still shows running because the server died under it is marked FAILED
 * ({@link StaleExecutions}) and restarted from its checkpoints too, by the next start or, at server start, by
 * {@code io.cistern.batch.jobs.CrashRecovery}.
 */
@Singleton
// no transaction, as for the audit: the batch runtime's repository writes must commit on their own
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GcJobs {
    static final String JOB = "gc";
    private static final Logger LOG = Logger.getLogger(GcJobs.class.getName());

    @EJB
    private StaleExecutions stale;

    /** The execution this server started last, or -1; an execution begun before a restart cannot be running. */
    private long lastExecution = -1;

    /**
     * Starts a collection (or restarts the last, interrupted one) and returns its execution id. The grace period is
     * read now, from {@code cistern.gc.grace.seconds}.
     */
    public long start() {
        return start(new Properties());
    }

    /**
     * As {@link #start()}, with job parameters: {@code blocksPerChunk} (default 64) is how many unreferenced blocks the
     * first step handles between checkpoints. A restart keeps the interrupted execution's parameters (and its grace), so
     * a start that asks for another value is refused ({@link ResumeConflictException}).
     */
    public long start(Properties parameters) {
        JobOperator operator = BatchRuntime.getJobOperator();
        if (lastExecution >= 0
                && BatchExecutions.isRunning(operator.getJobExecution(lastExecution).getBatchStatus())) {
            throw new GcAlreadyRunningException(lastExecution);
        }
        Optional<JobExecution> interrupted = BatchExecutions.interrupted(operator, JOB, stale);
        if (interrupted.isPresent()) {
            long from = interrupted.get().getExecutionId();
            ResumedParameters.requireSame(JOB, from, interrupted.get().getJobParameters(), parameters,
                    Map.of("blocksPerChunk", "64"));
            lastExecution = operator.restart(from, interrupted.get().getJobParameters());
            LOG.info(() -> "garbage collection execution " + lastExecution + " resumes execution " + from
                    + " from its checkpoints");
        } else {
            Properties withGrace = new Properties();
            withGrace.putAll(parameters);
            withGrace.setProperty(GcParameters.GRACE_SECONDS, Long.toString(GcSettings.graceSeconds()));
            lastExecution = operator.start(JOB, withGrace);
            LOG.info(() -> "garbage collection execution " + lastExecution + " started with a grace of "
                    + withGrace.getProperty(GcParameters.GRACE_SECONDS) + " s");
        }
        return lastExecution;
    }

    /** The execution started last, or -1. */
    public long lastExecution() {
        return lastExecution;
    }

    /**
     * What the execution's steps have done so far (committed checkpoints), added up. A restarted step's counts include
     * those of the execution it resumes; a step that had completed before the restart is not in a restart's count.
     */
    public GcProgress progress(long execution) {
        GcProgress total = new GcProgress();
        for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(execution)) {
            if (step.getPersistentUserData() instanceof GcProgress progress) {
                total = total.plus(progress);
            }
        }
        return total;
    }
}
