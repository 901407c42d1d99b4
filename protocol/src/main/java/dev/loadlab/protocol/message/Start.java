package dev.loadlab.protocol.message;

/**
 * Every agent of a step starts sending at {@code startAtClusterMs}, a Hazelcast cluster time (milliseconds), so that
 * agents on machines with different clocks still start together. Immutable.
 */
public record Start(String runId, int stepIndex, int probe, long startAtClusterMs) implements ToAgent {}
