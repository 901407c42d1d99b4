package dev.loadlab.coordinator.search;

/**
 * What one probe measured in its window, merged across agents: responses, errors, served requests/s, p50 and p99 (ms,
 * from the merged histogram), the target's CPU cores (null when not sampled) and whether the load generator was the
 * bottleneck. Immutable.
 */
public record Measured(
        long requests,
        long errors,
        double throughputRps,
        long p50Ms,
        long p99Ms,
        Double targetCpuCores,
        boolean generatorBound) {}
