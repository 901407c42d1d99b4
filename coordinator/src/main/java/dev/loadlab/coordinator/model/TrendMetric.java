package dev.loadlab.coordinator.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metrics a trend can follow, by their name in the query string (the store knows which column each is read
 * from).
 * Percentiles are the ones computed once from each step's merged histogram. Immutable.
 */
public enum TrendMetric {
    THROUGHPUT("throughput"),
    P50("p50"),
    P99("p99"),
    ERROR_RATE("errorRate");

    private final String queryName;

    TrendMetric(String queryName) {
        this.queryName = queryName;
    }

    public String queryName() {
        return queryName;
    }

    public static Optional<TrendMetric> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.queryName.equals(name)).findFirst();
    }

    /** The allowed names, for error messages: "throughput, p50, p99, errorRate". */
    public static String allowed() {
        return Arrays.stream(values()).map(TrendMetric::queryName).collect(Collectors.joining(", "));
    }
}
