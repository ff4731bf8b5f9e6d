package io.cistern.batch.stats;

import io.cistern.batch.BatchExecutions;
import io.cistern.batch.StaleExecutions;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts the statistics job, one execution at a time, as {@code GcJobs} does for garbage collection: the singleton's
 * container lock serializes the calls, a call while the execution this server started last has yet to end is
 * refused, and a run that failed or was stopped is restarted from its checkpoint (the shares already done are not
 * computed again).
 */
@Singleton
// no transaction: the batch runtime's repository writes must commit on their own
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StatsJobs {
    static final String JOB = "stats";
    private static final Logger LOG = Logger.getLogger(StatsJobs.class.getName());

    @EJB
    private StaleExecutions stale;

    /** The execution this server started last, or -1; an execution begun before a restart cannot be running. */
    private long lastExecution = -1;

    /** Starts a statistics run (or restarts the last, interrupted one) and returns its execution id. */
    public long start() {
        JobOperator operator = BatchRuntime.getJobOperator();
        if (lastExecution >= 0
                && BatchExecutions.isRunning(operator.getJobExecution(lastExecution).getBatchStatus())) {
            throw new StatsAlreadyRunningException(lastExecution);
        }
        Optional<JobExecution> interrupted = BatchExecutions.interrupted(operator, JOB, stale);
        if (interrupted.isPresent()) {
            long from = interrupted.get().getExecutionId();
            lastExecution = operator.restart(from, new Properties());
            LOG.info(() -> "statistics execution " + lastExecution + " resumes execution " + from);
        } else {
            lastExecution = operator.start(JOB, new Properties());
            LOG.fine(() -> "statistics execution " + lastExecution + " started");
        }
        return lastExecution;
    }

    /** The execution started last, or -1. */
    public long lastExecution() {
        return lastExecution;
    }

    /** What the execution's steps have done so far (committed checkpoints), added up. */
    public StatsProgress progress(long execution) {
        StatsProgress total = new StatsProgress();
        for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(execution)) {
            if (step.getPersistentUserData() instanceof StatsProgress progress) {
                total = total.plus(progress);
            }
        }
        return total;
    }
}
