package io.cistern.batch.audit;

import io.cistern.batch.StoreCheckpoint;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.payload.StoredHash;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Every distinct hash that the files on each store map, store after store in id order and each in hash order, fetched
 * a page at a time from just after the last one read. The checkpoint is {@code <store id>:<last hash, as hex>}; a
 * checkpoint of plain hex (written before every store was audited) is the default store's.
 */
@Named("auditReferencedBlockReader")
@Dependent
public class ReferencedBlockReader extends AbstractItemReader {
    private static final int PAGE = 1024;

    @EJB
    private BlockAudit audit;

    private final Deque<Long> storesLeft = new ArrayDeque<>();
    private final Deque<BlockHash> page = new ArrayDeque<>();
    private Long store;
    private BlockHash lastRead;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        StoreCheckpoint resumed = StoreCheckpoint.parse(checkpoint);
        storesLeft.addAll(resumed.storesLeft(audit.storeIds()));
        lastRead = resumed.resumeAfter(storesLeft);
        store = storesLeft.pollFirst();
    }

    @Override
    public Object readItem() {
        while (store != null) {
            if (page.isEmpty() && !exhausted) {
                var next = audit.referencedAfter(store, lastRead, PAGE);
                page.addAll(next);
                exhausted = next.size() < PAGE;
            }
            BlockHash hash = page.poll();
            if (hash != null) {
                lastRead = hash;
                return new StoredHash(store, hash);
            }
            store = storesLeft.pollFirst();
            lastRead = null;
            exhausted = false;
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        return new StoreCheckpoint(store == null ? Long.MAX_VALUE : store, lastRead).text();
    }
}
