package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * A run in a listing: identity, the saved-scenario version it ran (if any), labels, status, times and, once it ended,
 * its verdict's outcome ({@link RunVerdict}; null before). Immutable.
 */
public record RunSummary(
        String id,
        String name,
        Integer scenarioVersion,
        Map<String, String> labels,
        RunStatus status,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        String failure,
        Outcome verdict) {}
