package dev.loadlab.protocol.message;

import java.util.UUID;

/**
 * An agent has prepared its part of a step (simulation built, ready to send) and waits for {@link Start}. Immutable.
 */
public record Ready(UUID runId, int stepIndex, int probe, String agentId) implements ToCoordinator, StepMessage {}
