package dev.loadlab.coordinator.runs;

import java.time.Instant;

/** A run in a listing: identity, status and times. Immutable. */
public record RunSummary(
        String id,
        String name,
        RunStatus status,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        String failure) {}
