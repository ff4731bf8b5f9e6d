package io.cistern.batch.stats;

import io.cistern.core.stats.LastStatistics;
import io.cistern.core.stats.StatisticsComputation;
import io.cistern.core.stats.StoreFigures;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * The last step: walks the store's listing to add up what it really holds, stores that with what the index says is
 * referenced, removes the rows of deleted shares, and has {@link LastStatistics} read the new figures. A restart walks
 * the listing again (it has no checkpoint: one listing is the unit of work).
 */
@Named("statsStoreBatchlet")
@Dependent
public class StoreFiguresBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(StoreFiguresBatchlet.class.getName());

    @EJB
    private StatisticsComputation computation;

    @EJB
    private LastStatistics last;

    @Inject
    private StepContext step;

    @Inject
    private JobContext job;

    @Override
    public String process() {
        long started = System.nanoTime();
        StoreFigures figures = computation.computeStore();
        StatsProgress progress = StatsProgress.of(step);
        progress.computedStore(computation.recordStore(figures));
        progress.forgotShares(computation.forgetDeletedShares());
        step.setPersistentUserData(progress);
        last.reload();
        LOG.info(() -> "statistics execution " + job.getExecutionId() + " done in "
                + (System.nanoTime() - started) / 1_000_000 + " ms (store step): " + figures.store() + " store holds "
                + figures.blocks() + " objects, " + figures.physicalBytes() + " bytes; " + figures.referencedBlocks()
                + " blocks referenced, " + figures.referencedBytes() + " bytes");
        return BatchStatus.COMPLETED.name();
    }
}
