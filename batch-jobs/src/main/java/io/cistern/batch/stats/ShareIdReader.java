package io.cistern.batch.stats;

import io.cistern.core.stats.StatisticsComputation;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/** The share ids in order, a page at a time; the checkpoint is the last id read, so a restart goes on after it. */
@Named("statsShareReader")
@Dependent
public class ShareIdReader extends AbstractItemReader {
    private static final int PAGE = 64;

    @EJB
    private StatisticsComputation computation;

    private final Deque<Long> page = new ArrayDeque<>();
    private long lastRead;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? 0 : (Long) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty()) {
            page.addAll(computation.shareIdsAfter(lastRead, PAGE));
        }
        Long next = page.poll();
        if (next != null) {
            lastRead = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
