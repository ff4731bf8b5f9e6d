package io.cistern.batch.schedule;

import java.util.Arrays;
import java.util.Optional;

/**
 * The jobs that run on a schedule, each with its default (server time). The upload job is not one of them: it runs
 * whenever the journal holds writes, under its own {@code UploadScheduler}.
 */
public enum ScheduledJob {
    /** Hourly, on the hour. */
    STATS("stats", "0 * * * *"),
    /** Daily at 03:00. */
    GC("gc", "0 3 * * *"),
    /** Weekly, Sundays at 04:00. */
    AUDIT("audit", "0 4 * * 0");

    private final String jobName;
    private final String defaultSchedule;

    ScheduledJob(String jobName, String defaultSchedule) {
        this.jobName = jobName;
        this.defaultSchedule = defaultSchedule;
    }

    /** The batch job's name, as the API and the settings call it. */
    public String jobName() {
        return jobName;
    }

    public String defaultSchedule() {
        return defaultSchedule;
    }

    /** The scheduled job of that name (exactly: job names are lower case). */
    public static Optional<ScheduledJob> named(String name) {
        return Arrays.stream(values()).filter(job -> job.jobName.equals(name)).findFirst();
    }
}
