package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import java.util.Map;

/**
 * One request name's result as the API shows it; {@code failedChecks} counts each named check's failures by its label.
 * Immutable.
 */
public record RequestView(
        long requests,
        long errors,
        Map<String, Long> errorsByKind,
        LatencyMs latencyMs,
        Map<String, Long> failedChecks) {
    public RequestView {
        failedChecks = failedChecks == null ? Map.of() : failedChecks;
    }

    /** A view without named check failures. */
    public RequestView(long requests, long errors, Map<String, Long> errorsByKind, LatencyMs latencyMs) {
        this(requests, errors, errorsByKind, latencyMs, null);
    }
}
