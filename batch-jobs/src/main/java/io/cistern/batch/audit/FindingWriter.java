package io.cistern.batch.audit;

import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockAudit;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records a chunk's findings in the chunk's transaction, so that they commit together with the checkpoint past the
 * blocks they are about: a restart neither loses nor repeats them. Items are findings or lists of findings (a block
 * may be both corrupt and an orphan).
 */
@Named("auditFindingWriter")
@Dependent
public class FindingWriter extends AbstractItemWriter {
    @EJB
    private BlockAudit audit;

    @Override
    public void writeItems(List<Object> items) {
        List<AuditFinding> findings = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Collection<?> several) {
                several.forEach(finding -> findings.add((AuditFinding) finding));
            } else {
                findings.add((AuditFinding) item);
            }
        }
        audit.record(findings);
    }
}
