package io.cistern.batch.jobs;

import io.cistern.core.model.StepProgress;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Arrays;

/**
 * One step of an execution: its status and times, the items (and bytes of blocks) its chunks had read at its last
 * checkpoint ({@code itemsDone}, {@code bytesDone}: kept while it runs, and after a crash), and the batch runtime's
 * counters (items read, written, filtered, chunks committed and rolled back), which it records when the step ends.
 */
public record StepView(long id, String name, String status, String exitStatus, Instant startedAt, Instant endedAt,
                       long itemsDone, long bytesDone, long read, long written, long filtered, long commits,
                       long rollbacks) {

    static StepView of(StepExecution step, StepProgress progress) {
        return new StepView(step.getStepExecutionId(), step.getStepName(), String.valueOf(step.getBatchStatus()),
                step.getExitStatus(), ExecutionView.instant(step.getStartTime()), ExecutionView.instant(step.getEndTime()),
                progress == null ? 0 : progress.getItems(), progress == null ? 0 : progress.getBytes(),
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
