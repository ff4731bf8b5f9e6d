package io.cistern.batch.stats;

import io.cistern.core.stats.StatisticsComputation;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Computes one share's figures from scratch; a share deleted meanwhile is skipped (null). */
@Named("statsShareProcessor")
@Dependent
public class ShareFiguresProcessor implements ItemProcessor {
    @EJB
    private StatisticsComputation computation;

    @Override
    public Object processItem(Object item) {
        return computation.computeShare((Long) item).orElse(null);
    }
}
