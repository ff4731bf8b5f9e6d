package io.cistern.batch.audit;

import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockRepair;
import jakarta.batch.runtime.context.JobContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What the audit's processors do with their findings when the job runs with {@code repair=true}: each is handed to
 * {@link BlockRepair}, which records the ones it repaired itself (with the repair, in one transaction); the rest go
 * on to the chunk's writer. Without repair every finding goes on as it is.
 */
final class FindingRepairs {
    /** The job parameter (passed on as a job property by audit.xml) that turns repair on. */
    static final String REPAIR = "repair";

    private FindingRepairs() {
    }

    static boolean enabled(JobContext job) {
        return Boolean.parseBoolean(job.getProperties().getProperty(REPAIR, "false").trim());
    }

    /** The findings still to record: all of them without repair, else those the repair did not fix. */
    static List<AuditFinding> unrepaired(List<AuditFinding> findings, BlockRepair repair, JobContext job) {
        if (!enabled(job)) {
            return findings;
        }
        List<AuditFinding> left = new ArrayList<>(findings.size());
        for (AuditFinding finding : findings) {
            if (!repair.repairAndRecord(finding)) {
                left.add(finding);
            }
        }
        return left;
    }
}
