package io.cistern.batch.jobs;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * One execution of a batch job: its status and exit status, its times, the parameters it was started with (none of
 * them secret), its steps, and its progress. An execution that restarts an earlier one belongs to the same
 * {@code instanceId}.
 */
public record ExecutionView(long id, long instanceId, String job, String status, String exitStatus, Instant createdAt,
                            Instant startedAt, Instant endedAt, Instant updatedAt, Map<String, String> parameters,
                            List<StepView> steps, ProgressView progress) {

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
