package dev.loadlab.coordinator.compare;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metrics a trend can follow, by their name in the query string, with the stored column each is read from.
 * Percentiles are the ones computed once from each step's merged histogram. Immutable.
 */
public enum TrendMetric {
    THROUGHPUT("throughput", "s.throughput_rps"),
    P50("p50", "s.p50_ms"),
    P99("p99", "s.p99_ms"),
    ERROR_RATE("errorRate", "CASE WHEN s.requests = 0 THEN 0 ELSE s.errors::float8 / s.requests END");

    private final String queryName;
    private final String sql;

    TrendMetric(String queryName, String sql) {
        this.queryName = queryName;
        this.sql = sql;
    }

    public String queryName() {
        return queryName;
    }

    /** The SQL expression over {@code steps s}; a constant of this enum, never built from input. */
    String sql() {
        return sql;
    }

    public static Optional<TrendMetric> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.queryName.equals(name)).findFirst();
    }

    /** The allowed names, for error messages: "throughput, p50, p99, errorRate". */
    public static String allowed() {
        return Arrays.stream(values()).map(TrendMetric::queryName).collect(Collectors.joining(", "));
    }
}
