package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * Which runs a history query wants; null fields do not filter. Labels must all match; {@code verdict} matches the
 * outcome stored when a run ended. Immutable.
 */
public record RunFilter(
        String scenario, RunStatus status, Map<String, String> labels, Instant from, Instant to, Outcome verdict) {
    public RunFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A filter on everything but the verdict. */
    public RunFilter(String scenario, RunStatus status, Map<String, String> labels, Instant from, Instant to) {
        this(scenario, status, labels, from, to, null);
    }

    public static RunFilter none() {
        return new RunFilter(null, null, Map.of(), null, null);
    }
}
