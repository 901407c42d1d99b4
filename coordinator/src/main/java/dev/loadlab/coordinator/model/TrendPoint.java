package dev.loadlab.coordinator.model;

import java.time.Instant;

/**
 * One run in a scenario's trend: the run, when it was submitted, the metric's value for the matching step and the
 * run's status. Immutable.
 */
public record TrendPoint(String runId, Instant submittedAt, double value, String status) {}
