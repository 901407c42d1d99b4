package dev.loadlab.coordinator.model;

/**
 * One side's step in a comparison: its index in its run, how it ended, and whether the load generator itself was the
 * bottleneck (then its throughput says more about the generator than about the target). Immutable.
 */
public record StepRef(int index, String status, boolean generatorBound) {}
