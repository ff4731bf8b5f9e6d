package io.cistern.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the jobs that run one execution at a time ask the job repository about their executions. */
public final class BatchExecutions {
    private BatchExecutions() {
    }

    /** Whether an execution in this status has yet to end. */
    public static boolean isRunning(BatchStatus status) {
        return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
    }

    /**
     * The newest execution of the newest instance of {@code job} when it failed or was stopped, and so can be
     * restarted from its checkpoints; empty when there is none, or the job never ran. An execution that a stopped
     * server left marked as running ({@link StaleExecutions#isStale}) is first marked FAILED and then counts too.
     */
    public static Optional<JobExecution> interrupted(JobOperator operator, String job, StaleExecutions stale) {
        Optional<JobExecution> newest = newestExecution(operator, job);
        if (newest.isPresent() && StaleExecutions.isStale(newest.get())) {
            stale.markFailed(newest.get());
            newest = Optional.of(operator.getJobExecution(newest.get().getExecutionId()));
        }
        return newest.filter(execution -> execution.getBatchStatus() == BatchStatus.FAILED
                || execution.getBatchStatus() == BatchStatus.STOPPED);
    }

    /** The newest execution of the newest instance of {@code job}; empty when the job never ran. */
    public static Optional<JobExecution> newestExecution(JobOperator operator, String job) {
        try {
            List<JobInstance> newest = operator.getJobInstances(job, 0, 1);
            return newest.stream()
                    .flatMap(instance -> operator.getJobExecutions(instance).stream())
                    .max(Comparator.comparingLong(JobExecution::getExecutionId));
        } catch (NoSuchJobException e) {
            return Optional.empty();
        }
    }
}
