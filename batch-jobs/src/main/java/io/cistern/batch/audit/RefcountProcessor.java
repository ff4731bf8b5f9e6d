package io.cistern.batch.audit;

import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockRepair;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * With {@code repair=true}, sets a mismatched refcount to the mappings counted under the block's row lock
 * ({@link BlockRepair}); passes the finding on to the writer when it was not repaired, and always without repair.
 */
@Named("auditRefcountProcessor")
@Dependent
public class RefcountProcessor implements ItemProcessor {
    @EJB
    private BlockRepair repair;

    @Inject
    private JobContext job;

    @Override
    public Object processItem(Object item) {
        List<AuditFinding> left = FindingRepairs.unrepaired(List.of((AuditFinding) item), repair, job);
        return left.isEmpty() ? null : left;
    }
}
