package dev.loadlab.coordinator.model;

/**
 * One distinct reason requests of a step failed, as the agents wrote it (e.g. {@code read: status: expected [200],
 * found 503}), with how many of the step's agents reported it. Immutable.
 */
public record FailureMessage(String message, int agents) {}
