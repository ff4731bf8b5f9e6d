package io.cistern.batch.gc;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.gc.BlockCollector;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.StoredHash;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rows a collection examines (refcount 0, and PENDING or unreferenced past the grace) in every store, a page at a
 * time in (store, hash) order. The checkpoint is the last block read, as {@code store:hash-hex}: a restarted step goes
 * on after it (a checkpoint of a hash alone, from before stores were several, is in the default store).
 */
@Named("gcCollectableBlockReader")
@Dependent
public class CollectableBlockReader extends AbstractItemReader {
    private static final int PAGE = 256;

    @EJB
    private BlockCollector collector;

    @Inject
    private JobContext job;

    @Inject
    private StepContext step;

    private final Deque<StoredHash> page = new ArrayDeque<>();
    private StoredHash lastRead;
    private boolean exhausted;
    private long graceSeconds;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? null : fromCheckpoint((String) checkpoint);
        graceSeconds = GcParameters.graceSeconds(job);
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(collector.collectableInStoresAfter(lastRead, graceSeconds, PAGE));
            exhausted = page.size() < PAGE;
        }
        StoredHash next = page.poll();
        if (next == null) {
            return null;
        }
        lastRead = next;
        GcProgress.of(step).examinedBlock();
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead == null ? null : lastRead.storeId() + ":" + lastRead.hash().hex();
    }

    static StoredHash fromCheckpoint(String checkpoint) {
        int colon = checkpoint.indexOf(':');
        return colon < 0 ? new StoredHash(BlockStoreRow.DEFAULT_ID, BlockHash.fromHex(checkpoint))
                : new StoredHash(Long.parseLong(checkpoint.substring(0, colon)),
                        BlockHash.fromHex(checkpoint.substring(colon + 1)));
    }
}
