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
 * The blocks whose refcount differs from their mappings, as REFCOUNT_MISMATCH findings, store after store: one query
 * per store and 1/256 of the hash space ({@link HashRanges}), so that no single statement holds the whole comparison
 * and a restart resumes within it. The checkpoint is {@code <store id>:<the lower bound still to do, as hex>} (the
 * last mismatch returned, or the end of the last range done); plain hex (written before every store was audited) is
 * the default store's.
 */
@Named("auditRefcountReader")
@Dependent
public class RefcountReader extends AbstractItemReader {
    private static final HexFormat HEX = HexFormat.of();

    @EJB
    private BlockAudit audit;

    @Inject
    private JobContext job;

    private final Deque<Long> storesLeft = new ArrayDeque<>();
    private final Deque<RefcountMismatch> range = new ArrayDeque<>();
    private Long store;
    private byte[] after;

    @Override
    public void open(Serializable checkpoint) {
        String resumed = (String) checkpoint;
        long fromStore = 0;
        after = HashRanges.start();
        if (resumed != null) {
            int colon = resumed.indexOf(':');
            fromStore = colon < 0 ? 0 : Long.parseLong(resumed.substring(0, colon));
            after = HEX.parseHex(colon < 0 ? resumed : resumed.substring(colon + 1));
        }
        for (long id : audit.storeIds()) {
            if (id >= fromStore) {
                storesLeft.add(id);
            }
        }
        if (storesLeft.isEmpty() || storesLeft.peekFirst() != fromStore) {
            after = HashRanges.start();   // the checkpoint's store was deleted meanwhile
        }
        store = storesLeft.pollFirst();
    }

    @Override
    public Object readItem() {
        while (range.isEmpty() && store != null) {
            if (HashRanges.isLast(after)) {
                store = storesLeft.pollFirst();   // this store is done: the next one from its start
                after = HashRanges.start();
                continue;
            }
            byte[] end = HashRanges.endOfRange(after);
            range.addAll(audit.refcountMismatches(store, after, end));
            if (range.isEmpty()) {
                after = end;   // nothing (left) in this range: the next one starts at its end
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
        return (store == null ? Long.MAX_VALUE : store) + ":" + HEX.formatHex(after);
    }
}
