package io.cistern.batch.audit;

import io.cistern.batch.BatchExecutions;
import io.cistern.batch.ResumeConflictException;
import io.cistern.batch.ResumedParameters;
import io.cistern.batch.StaleExecutions;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts the audit job, one execution at a time: the singleton's container lock serializes the calls, and a call
 * while the execution this server started last is still STARTING, STARTED or STOPPING is refused. An audit that
 * failed or was stopped is restarted from its checkpoints rather than begun anew, so a long walk interrupted by an
 * unreachable store goes on where it was.
 *
 * <p>An execution that the job repository still shows running because the server died under it is marked FAILED
 * ({@link StaleExecutions}) and restarted from its checkpoints too, by the next start or, at server start, by
 * {@code io.cistern.batch.jobs.CrashRecovery}.
 */
@Singleton
// no transaction, as for the UploadScheduler's tick: the batch runtime's repository writes must commit on their own
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditJobs {
    static final String JOB = "audit";
    /** The parameters audit.xml reads, with the values it takes when one is not given. */
    private static final Map<String, String> PARAMETERS = Map.of(FindingRepairs.REPAIR, "false",
            "blocksPerChunk", "16", "mbPerSecond", "");
    private static final Logger LOG = Logger.getLogger(AuditJobs.class.getName());

    @EJB
    private StaleExecutions stale;

    /** The execution this server started last, or -1; an execution begun before a restart cannot be running. */
    private long lastExecution = -1;

    /** Starts an audit (or restarts the last, interrupted one) and returns its execution id. */
    public long start() {
        return start(new Properties());
    }

    /**
     * As {@link #start()}, with job parameters: {@code blocksPerChunk} (default 16) is how many blocks the
     * stored-blocks step reads between checkpoints; {@code repair=true} repairs what can be repaired
     * ({@code io.cistern.core.audit.BlockRepair}); {@code mbPerSecond} paces the reads. A restart keeps the interrupted
     * execution's parameters, so a start that asks for other values of these is refused
     * ({@link ResumeConflictException}): an audit asked to repair must not quietly run without.
     */
    public long start(Properties parameters) {
        JobOperator operator = BatchRuntime.getJobOperator();
        if (lastExecution >= 0
                && BatchExecutions.isRunning(operator.getJobExecution(lastExecution).getBatchStatus())) {
            throw new AuditAlreadyRunningException(lastExecution);
        }
        Optional<JobExecution> interrupted = BatchExecutions.interrupted(operator, JOB, stale);
        if (interrupted.isPresent()) {
            long from = interrupted.get().getExecutionId();
            Properties earlier = interrupted.get().getJobParameters();
            ResumedParameters.requireSame(JOB, from, earlier, parameters, PARAMETERS);
            long resumed = operator.restart(from, earlier == null ? new Properties() : earlier);
            lastExecution = resumed;
            LOG.info(() -> "audit execution " + resumed + " resumes execution " + from + " from its checkpoints");
        } else {
            long started = operator.start(JOB, parameters);
            lastExecution = started;
            LOG.info(() -> "audit execution " + started + " started");
        }
        return lastExecution;
    }

    /** The execution started last, or -1. */
    public long lastExecution() {
        return lastExecution;
    }
}
