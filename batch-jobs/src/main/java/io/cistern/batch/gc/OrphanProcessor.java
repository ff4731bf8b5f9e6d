package io.cistern.batch.gc;

import io.cistern.core.payload.ObjectInStore;
import io.cistern.core.gc.BlockCollector;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Deletes one stored object if it is older than the grace and no row of its store knows it ({@link BlockCollector#collectOrphan},
 * in a transaction of its own). Returns what was deleted, or null when the object stays.
 */
@Named("gcOrphanProcessor")
@Dependent
public class OrphanProcessor implements ItemProcessor {
    @EJB
    private BlockCollector collector;

    @Inject
    private JobContext job;

    @Override
    public Object processItem(Object item) {
        return collector.collectOrphan((ObjectInStore) item, GcParameters.graceSeconds(job)).orElse(null);
    }
}
