package io.cistern.batch.gc;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.gc.BlockCollector;
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
 * The rows a collection examines (refcount 0, and PENDING or unreferenced past the grace), a page at a time in hash
 * order. The checkpoint is the last hash read (as hex): a restarted step goes on after it.
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

    private final Deque<BlockHash> page = new ArrayDeque<>();
    private BlockHash lastRead;
    private boolean exhausted;
    private long graceSeconds;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? null : BlockHash.fromHex((String) checkpoint);
        graceSeconds = GcParameters.graceSeconds(job);
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(collector.collectableAfter(lastRead, graceSeconds, PAGE));
            exhausted = page.size() < PAGE;
        }
        BlockHash next = page.poll();
        if (next == null) {
            return null;
        }
        lastRead = next;
        GcProgress.of(step).examinedBlock();
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead == null ? null : lastRead.hex();
    }
}
