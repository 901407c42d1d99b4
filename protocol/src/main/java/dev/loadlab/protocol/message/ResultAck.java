package dev.loadlab.protocol.message;

/** The coordinator has stored the agent's {@link StepResult} in PostgreSQL; the agent may forget it. */
public record ResultAck(String runId, int stepIndex, int probe) implements ToAgent {}
