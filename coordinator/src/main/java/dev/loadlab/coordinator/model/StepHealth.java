package dev.loadlab.coordinator.model;

import java.util.List;

/**
 * How trustworthy a step's numbers are: how far apart its agents started ({@code startSkewMs}, the largest lateness
 * against the agreed start), which agents were lost mid-step, and whether the load generator itself was the
 * bottleneck ({@code generatorBound}, with the reason; {@code agentCpuShare} is the busiest agent's average CPU share
 * over the measured window, 0..1 of its cores). Immutable.
 */
public record StepHealth(
        Long startSkewMs,
        List<String> agentsLost,
        boolean generatorBound,
        String generatorReason,
        Double agentCpuShare) {
    /** Above this average CPU share of its cores, an agent was too busy to measure the target honestly. */
    public static final double GENERATOR_CPU_LIMIT = 0.9;

    public static final StepHealth UNKNOWN = new StepHealth(null, List.of(), false, null, null);

    public StepHealth {
        agentsLost = List.copyOf(agentsLost);
    }
}
