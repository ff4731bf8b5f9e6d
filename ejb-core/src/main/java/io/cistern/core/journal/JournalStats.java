package io.cistern.core.journal;

/**
 * A snapshot of the journal's state and counters, for metrics and tests.
 *
 * @param firstSequence   the oldest record still held (lastSequence + 1 when none)
 * @param lastSequence    the newest record appended (0 before the first)
 * @param durableSequence every record up to this one is on disk
 * @param usedBytes       bytes in all segment files
 * @param capacityBytes   the configured capacity
 * @param segments        how many segment files there are
 * @param appends         records appended since open
 * @param syncCalls       calls of {@link Journal#sync} since open
 * @param forces          fdatasync calls on segments since open (group commit makes this less than syncCalls)
 */
public record JournalStats(long firstSequence, long lastSequence, long durableSequence, long usedBytes,
                           long capacityBytes, int segments, long appends, long syncCalls, long forces) {
}
