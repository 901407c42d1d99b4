package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.coordinator.search.GeneratorRule;
import java.util.List;

/**
 * How trustworthy a step's numbers are: how far apart its agents started ({@code startSkewMs}, the largest lateness
 * against the agreed start), which agents were lost mid-step, and whether the load generator itself was the
 * bottleneck ({@code generatorBound}: some of {@code rules} fired, {@code generatorReason} joins their details; {@code
 * agentCpuShare} is the busiest agent's average CPU share over the measured window, 0..1 of its cores). {@code
 * underLoaded} says the scenario asked for fewer closed-model users than the target has workers ({@code
 * underLoadedReason} says so with the figures): the scenario's choice, not a generator fault. See {@link
 * GeneratorCheck} for the rules. Immutable.
 */
public record StepHealth(
        Long startSkewMs,
        List<String> agentsLost,
        boolean generatorBound,
        String generatorReason,
        Double agentCpuShare,
        List<GeneratorRule> rules,
        boolean underLoaded,
        String underLoadedReason) {
    /** Above this average CPU share of its cores, an agent was too busy to measure the target honestly. */
    public static final double GENERATOR_CPU_LIMIT = GeneratorCheck.AGENT_CPU_LIMIT;

    public static final StepHealth UNKNOWN = new StepHealth(null, List.of(), false, null, null);

    public StepHealth {
        agentsLost = List.copyOf(agentsLost);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Health without named rules or the under-loaded verdict (as stored before they existed). */
    public StepHealth(
            Long startSkewMs,
            List<String> agentsLost,
            boolean generatorBound,
            String generatorReason,
            Double agentCpuShare) {
        this(startSkewMs, agentsLost, generatorBound, generatorReason, agentCpuShare, null, false, null);
    }

    /** This health with the generator verdict in place of the one it had. */
    public StepHealth with(GeneratorCheck.Verdict verdict) {
        return new StepHealth(
                startSkewMs,
                agentsLost,
                verdict.generatorBound(),
                verdict.reason(),
                agentCpuShare,
                verdict.rules(),
                verdict.underLoaded(),
                verdict.underLoadedReason());
    }
}
