package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.protocol.result.LatencyMs;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A finished step as the API shows it; see {@link RunView#MEASUREMENT} for how each figure was measured. A search step
 * carries {@code search} (null otherwise), and its own figures are those of its knee probe. {@code slo} is the verdict
 * against the scenario's SLO, null when it has none. Immutable.
 */
public record StepView(
        int index,
        StepStatus status,
        String profile,
        Integer workers,
        int repeat,
        Double targetCpuCores,
        int agents,
        Instant startedAt,
        Instant finishedAt,
        Instant measuredFrom,
        Instant measuredTo,
        double measuredSeconds,
        long requests,
        long errors,
        long warmupRequests,
        double throughputRps,
        LatencyMs latencyMs,
        Map<String, Long> errorsByKind,
        Map<String, RequestView> byRequest,
        List<AgentShare> agentShares,
        TargetUsage target,
        Long startSkewMs,
        List<String> agentsLost,
        boolean generatorBound,
        String generatorReason,
        Double agentCpuShare,
        String failure,
        SearchOutcome search,
        SloVerdict slo) {
    /** This step with its verdict against the scenario's SLO. */
    public StepView withSlo(SloVerdict verdict) {
        return new StepView(
                index,
                status,
                profile,
                workers,
                repeat,
                targetCpuCores,
                agents,
                startedAt,
                finishedAt,
                measuredFrom,
                measuredTo,
                measuredSeconds,
                requests,
                errors,
                warmupRequests,
                throughputRps,
                latencyMs,
                errorsByKind,
                byRequest,
                agentShares,
                target,
                startSkewMs,
                agentsLost,
                generatorBound,
                generatorReason,
                agentCpuShare,
                failure,
                search,
                verdict);
    }
}
