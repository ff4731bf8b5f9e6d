package io.cistern.core.nsm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link HostRecords} without a database, for tests: the same rows in a map, and a count of the writes a real one
 * would make. {@code broken} makes every write fail as a database that is gone would.
 */
public class MemoryHostRecords extends HostRecords {
    private record Row(MonitoredHost host, int state, Instant at) {
    }

    private final Map<MonitoredHost, Row> rows = new LinkedHashMap<>();
    private Integer state;
    public final AtomicInteger writes = new AtomicInteger();
    public volatile boolean broken;

    @Override
    public synchronized int advanceState(Instant now) {
        state = state == null ? StateNumbers.first(now) : StateNumbers.after(state);
        return state;
    }

    @Override
    public synchronized void record(MonitoredHost host, int recordedState, Instant at) {
        write();
        rows.put(host, new Row(host, recordedState, at));
    }

    @Override
    public synchronized List<MonitoredHost> recordedBefore(int before) {
        return rows.values().stream().filter(row -> row.state() < before)
                .sorted(Comparator.comparing(Row::at).reversed()).map(Row::host).toList();
    }

    @Override
    public synchronized int forget(String callerName) {
        write();
        int before = rows.size();
        rows.keySet().removeIf(host -> host.name().equals(callerName));
        return before - rows.size();
    }

    @Override
    public synchronized int forgetNotified(MonitoredHost host, int current) {
        write();
        Row row = rows.get(host);
        if (row == null || row.state() >= current) {
            return 0;
        }
        rows.remove(host);
        return 1;
    }

    public synchronized List<MonitoredHost> all() {
        return new ArrayList<>(rows.keySet());
    }

    private void write() {
        if (broken) {
            throw new IllegalStateException("the database is gone");
        }
        writes.incrementAndGet();
    }
}
