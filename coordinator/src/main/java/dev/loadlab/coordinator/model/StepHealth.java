package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.coordinator.steady.Steadiness;
import java.util.List;

/**
 * How trustworthy a step's numbers are: how far apart its agents started ({@code startSkewMs}, the largest lateness
 * against the agreed start), which agents were lost mid-step, and whether the load generator itself was the
 * bottleneck ({@code generatorBound}: some of {@code rules} fired, {@code generatorReason} joins their details; {@code
 * agentCpuShare} is the busiest agent's average CPU share over the measured window, 0..1 of its cores). {@code
 * underLoaded} says the scenario asked for fewer closed-model users than the target has workers ({@code
 * underLoadedReason} says so with the figures): the scenario's choice, not a generator fault. See {@link
 * GeneratorCheck} for the rules. {@code steadiness} is whether the measured window was one steady state ({@code null}
 * when not judged: a search probe, a staged load, too few seconds). Immutable.
 */
public record StepHealth(
        Long startSkewMs,
        List<String> agentsLost,
        boolean generatorBound,
        String generatorReason,
        Double agentCpuShare,
        List<GeneratorRule> rules,
        boolean underLoaded,
        String underLoadedReason,
        Steadiness steadiness) {
    /** Above this average CPU share of its cores, an agent was too busy to measure the target honestly. */
    public static final double GENERATOR_CPU_LIMIT = GeneratorCheck.AGENT_CPU_LIMIT;

    public static final StepHealth UNKNOWN = new StepHealth(null, List.of(), false, null, null);

    public StepHealth {
        agentsLost = List.copyOf(agentsLost);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Health without the steadiness check (a search probe, a step stored before it existed). */
    public StepHealth(
            Long startSkewMs,
            List<String> agentsLost,
            boolean generatorBound,
            String generatorReason,
            Double agentCpuShare,
            List<GeneratorRule> rules,
            boolean underLoaded,
            String underLoadedReason) {
        this(
                startSkewMs,
                agentsLost,
                generatorBound,
                generatorReason,
                agentCpuShare,
                rules,
                underLoaded,
                underLoadedReason,
                null);
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
                verdict.underLoadedReason(),
                steadiness);
    }

    /** This health with {@code checked} as its steadiness ({@code null}: not judged). */
    public StepHealth withSteadiness(Steadiness checked) {
        return new StepHealth(
                startSkewMs,
                agentsLost,
                generatorBound,
                generatorReason,
                agentCpuShare,
                rules,
                underLoaded,
                underLoadedReason,
                checked);
    }

    /** Whether the steadiness check found the measured window was not one steady state. */
    public boolean unsteady() {
        return steadiness != null && steadiness.unsteady();
    }
}
