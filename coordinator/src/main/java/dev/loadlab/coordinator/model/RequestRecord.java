package dev.loadlab.coordinator.model;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** One request name's merged result within a step, with its merged histogram (ms). Not thread-safe (histogram). */
public record RequestRecord(
        String name, long requests, long errors, Map<String, Long> errorsByKind, Histogram histogram) {
    public RequestRecord {
        errorsByKind = Map.copyOf(errorsByKind);
    }
}
