package io.cistern.nfs.ra;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reports the listener's counters (open connections, and so on) to the application every few seconds, but only
 * when they changed: one request per change at most, none while nothing happens, and never one per connection.
 * Each report is a whole snapshot, and one that no request worker took is tried again at the next tick.
 */
final class CounterReports<T> {
    static final long PERIOD_MILLIS = 2_000;

    private final Supplier<T> snapshot;
    private final Predicate<T> report;
    private final ScheduledFuture<?> task;
    /** Touched only by the event loop the task runs on. */
    private T lastReported;

    private CounterReports(EventLoopGroup group, Supplier<T> snapshot, Predicate<T> report, T initial) {
        this.snapshot = snapshot;
        this.report = report;
        this.lastReported = initial;
        this.task = group.next().scheduleWithFixedDelay(this::reportIfChanged, PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * @param report  hands a snapshot to the application; false when no request worker took it
     * @param initial what the application already knows (the state reported with the bind)
     */
    static <T> CounterReports<T> start(EventLoopGroup group, Supplier<T> snapshot, Predicate<T> report, T initial) {
        return new CounterReports<>(group, snapshot, report, initial);
    }

    private void reportIfChanged() {
        T now = snapshot.get();
        if (!Objects.equals(now, lastReported) && report.test(now)) {
            lastReported = now;
        }
    }

    void stop() {
        task.cancel(false);
    }
}
