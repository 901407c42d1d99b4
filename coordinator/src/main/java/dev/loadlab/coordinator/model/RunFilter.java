package dev.loadlab.coordinator.model;

import java.time.Instant;
import java.util.Map;

/** Which runs a history query wants; null fields do not filter. Labels must all match. Immutable. */
public record RunFilter(String scenario, RunStatus status, Map<String, String> labels, Instant from, Instant to) {
    public RunFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static RunFilter none() {
        return new RunFilter(null, null, Map.of(), null, null);
    }
}
