package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One request name's merged result within a step, with its merged histogram (ms) and the percentiles computed once
 * from it when the merge made this record. Not thread-safe (histogram).
 */
public record RequestRecord(
        String name,
        long requests,
        long errors,
        Map<String, Long> errorsByKind,
        Histogram histogram,
        LatencyMs latencyMs) {
    public RequestRecord {
        errorsByKind = Map.copyOf(errorsByKind);
    }

    /** A record whose percentiles are computed here, from the merged {@code histogram}. */
    public RequestRecord(String name, long requests, long errors, Map<String, Long> errorsByKind, Histogram histogram) {
        this(name, requests, errors, errorsByKind, histogram, LatencyMs.of(histogram));
    }
}
