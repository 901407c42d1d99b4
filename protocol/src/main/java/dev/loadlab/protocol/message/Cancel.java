package dev.loadlab.protocol.message;

import java.util.UUID;

/** Stop the step now and report what was measured so far. Immutable. */
public record Cancel(UUID runId, int stepIndex, int probe) implements ToAgent, StepMessage {}
