package io.cistern.it;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One scrape of {@code /metrics} in the Prometheus text format, read back series by series. */
final class PrometheusText {
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final String text;

    private PrometheusText(List<Sample> samples, String text) {
        this.samples = samples;
        this.text = text;
    }

    static PrometheusText scrape(String base) throws Exception {
        HttpResponse<String> response = Http.get(base + "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0) {
                // label values here never hold commas or quotes: they are protocol, operation and status names
                for (String pair : series.substring(brace + 1, series.length() - 1).split(",")) {
                    int equals = pair.indexOf('=');
                    labels.put(pair.substring(0, equals), pair.substring(equals + 2, pair.length() - 1));
                }
            }
            samples.add(new Sample(name, labels, value));
        }
        return new PrometheusText(samples, text);
    }

    /**
     * The value of the one series with this name whose labels include the given name/value pairs; 0 when there is
     * none (a counter nobody has moved yet is not shown).
     */
    double value(String name, String... labelPairs) {
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name) && hasLabels(s, labelPairs)).toList();
        if (matching.size() > 1) {
            throw new AssertionError(matching.size() + " series match " + name + " " + String.join(",", labelPairs)
                    + ": " + matching);
        }
        return matching.isEmpty() ? 0 : matching.get(0).value();
    }

    private static boolean hasLabels(Sample sample, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(sample.labels().get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
