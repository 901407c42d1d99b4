package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One request name's merged result within a step, with its merged histogram (ms) and the percentiles computed once
 * from it when the merge made this record; {@code failedChecks} counts each named check's failures (by {@code
 * Check.label()} or {@code save(NAME)}), summed over agents. Not thread-safe (histogram).
 */
public record RequestRecord(
        String name,
        long requests,
        long errors,
        Map<String, Long> errorsByKind,
        Histogram histogram,
        LatencyMs latencyMs,
        Map<String, Long> failedChecks) {
    public RequestRecord {
        errorsByKind = Map.copyOf(errorsByKind);
        failedChecks = failedChecks == null ? Map.of() : Map.copyOf(failedChecks);
    }

    /** A record whose percentiles are computed here, from the merged {@code histogram}. */
    public RequestRecord(
            String name,
            long requests,
            long errors,
            Map<String, Long> errorsByKind,
            Histogram histogram,
            Map<String, Long> failedChecks) {
        this(name, requests, errors, errorsByKind, histogram, LatencyMs.of(histogram), failedChecks);
    }

    /** A record without named check failures, its percentiles computed here. */
    public RequestRecord(String name, long requests, long errors, Map<String, Long> errorsByKind, Histogram histogram) {
        this(name, requests, errors, errorsByKind, histogram, LatencyMs.of(histogram), null);
    }
}
