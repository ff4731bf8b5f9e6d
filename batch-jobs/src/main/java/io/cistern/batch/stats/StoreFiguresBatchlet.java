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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last step: walks each block store's listing to add up what it really holds, stores that with what the index
 * says is referenced and what the shares on it hold, removes the rows of deleted shares and stores, and has
 * {@link LastStatistics} read the new figures. A store that cannot be listed fails the step after the others' figures
 * are stored. A restart walks the listings again (no checkpoint: one listing is the unit of work).
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
        StatsProgress progress = StatsProgress.of(step);
        List<String> failed = new ArrayList<>();
        for (long storeId : computation.storeIds()) {
            try {
                computation.computeStore(storeId).ifPresent(figures -> {
                    progress.computedStore(computation.recordStore(figures));
                    LOG.info(() -> "statistics execution " + job.getExecutionId() + ": store '" + figures.store()
                            + "' holds " + figures.blocks() + " objects, " + figures.physicalBytes() + " bytes; "
                            + figures.referencedBlocks() + " blocks referenced, " + figures.referencedBytes()
                            + " bytes");
                });
            } catch (RuntimeException e) {
                // one store out of reach must not keep the others' figures from being computed
                LOG.log(Level.WARNING, "statistics of block store " + storeId + " not computed", e);
                failed.add(Long.toString(storeId));
            }
        }
        progress.forgotShares(computation.forgetDeletedShares());
        computation.forgetDeletedStores();
        step.setPersistentUserData(progress);
        last.reload();
        LOG.info(() -> "statistics execution " + job.getExecutionId() + " done in "
                + (System.nanoTime() - started) / 1_000_000 + " ms (store step)");
        if (!failed.isEmpty()) {
            throw new IllegalStateException("the statistics of block stores " + failed + " could not be computed"
                    + " (see the log); the others' are stored");
        }
        return BatchStatus.COMPLETED.name();
    }
}
