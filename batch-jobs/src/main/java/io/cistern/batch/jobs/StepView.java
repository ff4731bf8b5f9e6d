package io.cistern.batch.jobs;

import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Arrays;

/**
 * One step of an execution as the repository has it: its status, times, and the chunk counters (items read,
 * written, filtered, chunks committed and rolled back), as of its last checkpoint while it runs.
 */
public record StepView(long id, String name, String status, String exitStatus, Instant startedAt, Instant endedAt,
                       long read, long written, long filtered, long commits, long rollbacks) {

    static StepView of(StepExecution step) {
        return new StepView(step.getStepExecutionId(), step.getStepName(), String.valueOf(step.getBatchStatus()),
                step.getExitStatus(), ExecutionView.instant(step.getStartTime()), ExecutionView.instant(step.getEndTime()),
                metric(step, Metric.MetricType.READ_COUNT), metric(step, Metric.MetricType.WRITE_COUNT),
                metric(step, Metric.MetricType.FILTER_COUNT), metric(step, Metric.MetricType.COMMIT_COUNT),
                metric(step, Metric.MetricType.ROLLBACK_COUNT));
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        Metric[] metrics = step.getMetrics();
        return metrics == null ? 0 : Arrays.stream(metrics).filter(m -> m.getType() == type)
                .mapToLong(Metric::getValue).findFirst().orElse(0);
    }
}
