package io.cistern.batch.gc;

import jakarta.batch.runtime.context.JobContext;

/** The job's parameters as its artifacts read them (gc.xml passes them on as job properties). */
final class GcParameters {
    /** Seconds a block or object must have been unreferenced (unknown); fixed when the job starts. */
    static final String GRACE_SECONDS = "graceSeconds";

    private GcParameters() {
    }

    static long graceSeconds(JobContext job) {
        String value = job.getProperties().getProperty(GRACE_SECONDS);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the gc job was started without " + GRACE_SECONDS + ": start it with GcJobs");
        }
        return Long.parseLong(value.trim());
    }
}
