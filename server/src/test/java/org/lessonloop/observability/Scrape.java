package org.lessonloop.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;

/** One scrape of /metrics, parsed: each series ("name{labels}") and its value. */
record Scrape(Map<String, Double> series) {
    static final String TOKEN = "metrics-token-for-tests-0123456789";

    static Scrape of(ApiClient client) {
        ApiResponse response = client.send("GET", "/metrics", Map.of("Authorization", "Bearer " + TOKEN), (byte[]) null);
        if (response.status() != 200) {
            throw new AssertionError("scrape failed: " + response);
        }
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(series);
    }

    /** The sum over every series of this metric whose labels pass {@code labels} (0 when there is none). */
    double sum(String metric, Predicate<String> labels) {
        return series.entrySet().stream()
                .filter(e -> e.getKey().equals(metric) || e.getKey().startsWith(metric + "{") && labels.test(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    double sum(String metric) {
        return sum(metric, labels -> true);
    }

    static Predicate<String> with(String... labels) {
        return series -> java.util.Arrays.stream(labels).allMatch(series::contains);
    }
}
