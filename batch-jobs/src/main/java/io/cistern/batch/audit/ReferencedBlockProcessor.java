package io.cistern.batch.audit;

import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.audit.BlockRepair;
import io.cistern.core.audit.FindingKind;
import io.cistern.core.payload.StoredHash;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * A MISSING finding when a store lacks a block that files on it name (an existence check: the block's content is the
 * stored-blocks step's business). With {@code repair=true} the block is put back from a good copy when there is one
 * ({@link FindingRepairs}). Null, no item, when it is there or was repaired.
 */
@Named("auditReferencedBlockProcessor")
@Dependent
public class ReferencedBlockProcessor implements ItemProcessor {
    @EJB
    private BlockAudit audit;

    @EJB
    private BlockRepair repair;

    @Inject
    private JobContext job;

    @Override
    public Object processItem(Object item) {
        StoredHash block = (StoredHash) item;
        if (audit.isStored(block.storeId(), block.hash())) {
            return null;
        }
        List<AuditFinding> left = FindingRepairs.unrepaired(List.of(audit.finding(job.getExecutionId(),
                FindingKind.MISSING, block.storeId(), block.hash(), "files name it and the store does not have it")),
                repair, job);
        return left.isEmpty() ? null : left;
    }
}
