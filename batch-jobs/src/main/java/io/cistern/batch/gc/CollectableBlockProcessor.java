package io.cistern.batch.gc;

import io.cistern.core.gc.BlockCollector;
import io.cistern.core.payload.StoredHash;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Marks one unreferenced block and deletes it if the mark holds ({@link BlockCollector#collect}, each in transactions
 * of its own, not the chunk's). Returns what was deleted, or null (no item for the writer) when the block is kept.
 */
@Named("gcCollectableBlockProcessor")
@Dependent
public class CollectableBlockProcessor implements ItemProcessor {
    @EJB
    private BlockCollector collector;

    @Inject
    private JobContext job;

    @Override
    public Object processItem(Object item) {
        return collector.collect((StoredHash) item, GcParameters.graceSeconds(job)).orElse(null);
    }
}
