package dev.loadlab.protocol.message;

/** Stop the step now and report what was measured so far. Immutable. */
public record Cancel(String runId, int stepIndex, int probe) implements ToAgent {}
