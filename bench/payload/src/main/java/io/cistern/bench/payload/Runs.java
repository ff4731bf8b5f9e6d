package io.cistern.bench.payload;

import java.util.ArrayList;
import java.util.List;

/**
 * Repeated measurements of one thing. The disk is noisy, so the report shows the median; each run is
 * printed as it happens, so that the spread behind a median can be seen.
 */
final class Runs {
    private final String name;
    private final List<Double> megabytesPerSecond = new ArrayList<>();

    Runs(String name) {
        this.name = name;
    }

    /** Records a run of {@code bytes} that took {@code nanos}; MB are 10^6 bytes, as dd counts them. */
    void add(long bytes, long nanos) {
        double value = bytes / (nanos / 1e9) / 1e6;
        megabytesPerSecond.add(value);
        System.out.printf("  %-58s run %d: %6.0f MB/s%n", name, megabytesPerSecond.size(), value);
    }

    double median() {
        if (megabytesPerSecond.isEmpty()) {
            throw new IllegalStateException("no runs of " + name);
        }
        List<Double> sorted = megabytesPerSecond.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Slowest to fastest run, for the report: a median of runs this far apart is a rough figure. */
    String spread() {
        double min = megabytesPerSecond.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = megabytesPerSecond.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format("%.0f-%.0f", min, max);
    }

    String name() {
        return name;
    }
}
