package io.cistern.batch.jobs;

import io.cistern.core.audit.AuditFinding;
import java.time.Instant;
import java.util.List;

/**
 * One audit finding: what is wrong with which block in which store ({@code storeId}, 0 the default one), the counts for a refcount mismatch, whether the audit repaired
 * it, and the paths of the files that use the block ({@code /share/dir/file}, one per link, at most
 * {@value JobCatalog#PATHS_PER_FINDING}).
 */
public record FindingView(long id, long executionId, String kind, String block, long storeId, Long recordedRefcount,
                          Long countedReferences, boolean repaired, String detail, Instant foundAt, List<String> paths) {

    static FindingView of(AuditFinding finding, List<String> paths) {
        return new FindingView(finding.getId(), finding.getExecutionId(), finding.getKind().name(),
                finding.getHash().hex(), finding.getStoreId(), finding.getRecordedRefcount(), finding.getCountedReferences(),
                finding.isRepaired(), finding.getDetail(), finding.getFoundAt(), paths);
    }
}
