/**
 * The coordinator's Prometheus metrics: {@link dev.loadlab.coordinator.metrics.CoordinatorMetrics} holds the registry
 * (runs by status and verdict read from the store at each scrape, the queue, agents by state, step durations, storage
 * errors) and writes the text exposition format; {@link dev.loadlab.coordinator.metrics.LiveRunMetrics} keeps each
 * live run's per-second histograms and drops them when the run ends. It watches the engine through
 * {@link dev.loadlab.coordinator.runs.RunObserver} and reads the store only through
 * {@link dev.loadlab.coordinator.model.RunTally}.
 */
package dev.loadlab.coordinator.metrics;
