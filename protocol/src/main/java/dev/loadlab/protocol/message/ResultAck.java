package dev.loadlab.protocol.message;

import java.util.UUID;

/** The coordinator has stored the agent's {@link StepResult} in PostgreSQL; the agent may forget it. */
public record ResultAck(UUID runId, int stepIndex, int probe) implements ToAgent, StepMessage {}
