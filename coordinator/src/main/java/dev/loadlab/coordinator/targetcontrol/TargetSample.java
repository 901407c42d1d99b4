package dev.loadlab.coordinator.targetcontrol;

import java.time.Instant;
import java.util.Map;

/**
 * One reading of a target host's {@code GET /control/stats}: cumulative CPU seconds of the app's whole process tree,
 * resident memory, requests served in total and per worker pid. {@code at} is when the coordinator received it.
 * Immutable.
 */
public record TargetSample(
        Instant at, double cpuSeconds, long rssBytes, long requests, Map<Long, Long> workerRequests) {
    public TargetSample {
        workerRequests = Map.copyOf(workerRequests);
    }
}
