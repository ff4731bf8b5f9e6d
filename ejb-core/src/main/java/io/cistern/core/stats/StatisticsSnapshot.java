package io.cistern.core.stats;

import java.io.Serializable;
import java.util.List;

/**
 * The statistics as the job last stored them, each row with the time it was computed: shares by name, then stores.
 * Empty lists before the job has run once.
 */
public record StatisticsSnapshot(List<ShareFigures> shares, List<StoreFigures> stores) implements Serializable {
    public static final StatisticsSnapshot NONE = new StatisticsSnapshot(List.of(), List.of());
}
