package io.cistern.batch.stats;

import io.cistern.core.stats.ShareFigures;
import io.cistern.core.stats.StatisticsComputation;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;

/** Stores the chunk's share figures in the chunk's transaction, with the checkpoint, and counts the rows that differed. */
@Named("statsShareWriter")
@Dependent
public class ShareFiguresWriter extends AbstractItemWriter {
    private static final Logger LOG = Logger.getLogger(ShareFiguresWriter.class.getName());

    @EJB
    private StatisticsComputation computation;

    @Inject
    private StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        StatsProgress progress = StatsProgress.of(step);
        for (Object item : items) {
            ShareFigures figures = (ShareFigures) item;
            boolean changed = computation.recordShare(figures);
            progress.computedShare(changed);
            if (changed) {
                LOG.fine(() -> "share '" + figures.share() + "' statistics now " + figures);
            }
        }
        step.setPersistentUserData(progress);
    }
}
