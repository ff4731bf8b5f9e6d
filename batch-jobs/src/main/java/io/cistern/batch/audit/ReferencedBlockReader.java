package io.cistern.batch.audit;

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
        String resumed = (String) checkpoint;
        long fromStore = 0;
        if (resumed != null) {
            int colon = resumed.indexOf(':');
            fromStore = colon < 0 ? 0 : Long.parseLong(resumed.substring(0, colon));
            String hex = colon < 0 ? resumed : resumed.substring(colon + 1);
            lastRead = hex.isEmpty() ? null : BlockHash.fromHex(hex);
        }
        for (long id : audit.storeIds()) {
            if (id >= fromStore) {
                storesLeft.add(id);
            }
        }
        if (storesLeft.isEmpty() || storesLeft.peekFirst() != fromStore) {
            lastRead = null;   // the checkpoint's store was deleted meanwhile
        }
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
        return (store == null ? Long.MAX_VALUE : store) + ":" + (lastRead == null ? "" : lastRead.hex());
    }
}
