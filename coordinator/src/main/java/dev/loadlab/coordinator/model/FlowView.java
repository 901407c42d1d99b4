package dev.loadlab.coordinator.model;

/**
 * One flow's result as the API shows it: iterations completed in the measured window, {@code completedPerSecond}
 * (completed divided by the step's measured seconds), iterations with an error ({@code failed}) and the iteration
 * duration's percentiles in ms (think time included), from the exactly merged histogram. Immutable.
 */
public record FlowView(String name, long completed, double completedPerSecond, long failed, IterationMs latencyMs) {
    /** Iteration duration percentiles, ms. */
    public record IterationMs(long p50, long p90, long p99, long max, double mean) {}

    /** This flow with {@code completedPerSecond} over a measured window of {@code measuredSeconds}, to 0.01. */
    public FlowView over(double measuredSeconds) {
        double perSecond = measuredSeconds <= 0 ? 0 : Math.round(completed * 100.0 / measuredSeconds) / 100.0;
        return new FlowView(name, completed, perSecond, failed, latencyMs);
    }
}
