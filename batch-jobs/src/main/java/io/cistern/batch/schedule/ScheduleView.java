package io.cistern.batch.schedule;

import java.io.Serializable;
import java.time.Instant;

/**
 * A job's schedule as the API shows it.
 *
 * @param job             {@code stats}, {@code gc} or {@code audit}
 * @param schedule        the schedule in force: cron fields or {@code off}
 * @param defaultSchedule the schedule when none is set
 * @param changedAt       when an administrator last set it; null while it is the default never set
 * @param changedBy       who did
 * @param nextRun         when the timer fires next; null when off
 * @param lastFiredAt     when the timer last fired since the server started; null if it has not
 * @param lastOutcome     what that fire did: {@code started execution N} or {@code skipped: ...}
 * @param fires           how often the timer fired since the server started
 * @param skipped         of those, how many were skipped because the job was still running
 */
public record ScheduleView(String job, String schedule, String defaultSchedule, Instant changedAt, String changedBy,
                           Instant nextRun, Instant lastFiredAt, String lastOutcome, long fires, long skipped)
        implements Serializable {
}
