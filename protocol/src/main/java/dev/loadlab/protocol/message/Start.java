package dev.loadlab.protocol.message;

import java.util.UUID;

/**
 * Every agent of a step starts sending at {@code startAtClusterMs}, a Hazelcast cluster time (milliseconds), so that
 * agents on machines with different clocks still start together. Immutable.
 */
public record Start(UUID runId, int stepIndex, int probe, long startAtClusterMs) implements ToAgent, StepMessage {}
