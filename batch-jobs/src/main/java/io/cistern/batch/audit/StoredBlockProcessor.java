package io.cistern.batch.audit;

import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.AuditSettings;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.audit.BlockRepair;
import io.cistern.core.audit.FindingKind;
import io.cistern.core.audit.StoredBlockCheck;
import io.cistern.core.audit.TokenBucket;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.payload.ObjectInStore;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one stored block back from its store and hashes it (CORRUPT when its content does not match its address), and asks the
 * index whether it knows it (ORPHAN when not). Paced by a token bucket at the job parameter {@code mbPerSecond}, else
 * {@code cistern.audit.mb.per.second}, made when the step starts, so that the walk leaves the store's bandwidth to clients. With {@code repair=true} a corrupt
 * block is put back from a good copy ({@link FindingRepairs}). Returns the findings left to record, or null (no item
 * for the writer) when there are none.
 */
@Named("auditStoredBlockProcessor")
@Dependent
public class StoredBlockProcessor implements ItemProcessor {
    @EJB
    private BlockAudit audit;

    @EJB
    private BlockRepair repair;

    @Inject
    private JobContext job;

    private TokenBucket rate;

    @Override
    public Object processItem(Object item) throws InterruptedException {
        ObjectInStore found = (ObjectInStore) item;
        StoredBlock block = found.object();
        long store = found.storeId();
        if (rate == null) {
            rate = AuditSettings.newRateLimit(job.getProperties().getProperty("mbPerSecond"));
        }
        rate.acquire(block.size());
        List<AuditFinding> findings = new ArrayList<>(2);
        StoredBlockCheck check = audit.verify(store, block.hash());
        if (check == StoredBlockCheck.GONE) {
            return null;   // removed since it was listed: whether a file still needs it is the references step's question
        }
        if (check == StoredBlockCheck.CORRUPT) {
            findings.add(audit.finding(job.getExecutionId(), FindingKind.CORRUPT, store, block.hash(),
                    "its " + block.size() + " stored bytes do not hash to its address"));
        }
        if (!audit.isKnown(store, block.hash())) {
            findings.add(audit.finding(job.getExecutionId(), FindingKind.ORPHAN, store, block.hash(),
                    "stored (" + block.size() + " bytes), and the index has no row for it"));
        }
        List<AuditFinding> left = FindingRepairs.unrepaired(findings, repair, job);
        return left.isEmpty() ? null : left;
    }
}
