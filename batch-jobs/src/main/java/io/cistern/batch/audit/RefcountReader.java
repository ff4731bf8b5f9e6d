package io.cistern.batch.audit;

import io.cistern.core.audit.BlockAudit;
import io.cistern.core.audit.HashRanges;
import io.cistern.core.audit.RefcountMismatch;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * The blocks whose refcount differs from their mappings, as REFCOUNT_MISMATCH findings: one query per 1/256 of the
 * hash space ({@link HashRanges}), so that no single statement holds the whole comparison and a restart resumes
 * within it. The checkpoint is the lower bound still to do (hex): the last mismatch returned, or the end of the last
 * range done.
 */
@Named("auditRefcountReader")
@Dependent
public class RefcountReader extends AbstractItemReader {
    private static final HexFormat HEX = HexFormat.of();

    @EJB
    private BlockAudit audit;

    @Inject
    private JobContext job;

    private final Deque<RefcountMismatch> range = new ArrayDeque<>();
    private byte[] after;
    private boolean done;

    @Override
    public void open(Serializable checkpoint) {
        after = checkpoint == null ? HashRanges.start() : HEX.parseHex((String) checkpoint);
    }

    @Override
    public Object readItem() {
        while (range.isEmpty() && !done) {
            byte[] end = HashRanges.endOfRange(after);
            range.addAll(audit.refcountMismatches(after, end));
            if (range.isEmpty()) {
                // nothing (left) in this range: the next one starts at its end
                after = end;
                done = HashRanges.isLast(end);
            }
        }
        RefcountMismatch mismatch = range.poll();
        if (mismatch == null) {
            return null;
        }
        after = mismatch.hash().bytes();
        return audit.finding(job.getExecutionId(), mismatch);
    }

    @Override
    public Serializable checkpointInfo() {
        return HEX.formatHex(after);
    }
}
