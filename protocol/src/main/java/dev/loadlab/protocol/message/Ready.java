package dev.loadlab.protocol.message;

/**
 * An agent has prepared its part of a step (simulation built, ready to send) and waits for {@link Start}. Immutable.
 */
public record Ready(String runId, int stepIndex, int probe, String agentId) implements ToCoordinator {}
