package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.protocol.result.LatencyMs;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A finished step as the API shows it; see {@link RunView#MEASUREMENT} for how each figure was measured. A search step
 * carries {@code search} (null otherwise), and its own figures are those of its knee probe. {@code slo} is the verdict
 * against the scenario's SLO, null when it has none. {@code failureMessages} are the first distinct reasons requests
 * failed (with how many agents reported each), {@code flows} the per-flow results (flows workloads only), {@code
 * stages} the per-stage results beside each stage as asked (staged loads only). {@code generatorRules} name the
 * generator-bound rules that fired, with their figures ({@code generatorBound} is true when any did, {@code
 * generatorReason} joins their details); {@code underLoaded} marks a closed model with fewer users than workers, the
 * scenario's choice and not a generator fault ({@code underLoadedReason} says so). Immutable.
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
        SloVerdict slo,
        List<FailureMessage> failureMessages,
        List<FlowView> flows,
        List<StageView> stages,
        List<GeneratorRule> generatorRules,
        boolean underLoaded,
        String underLoadedReason) {
    public StepView {
        failureMessages = failureMessages == null ? List.of() : List.copyOf(failureMessages);
        flows = flows == null ? List.of() : List.copyOf(flows);
        stages = stages == null ? List.of() : List.copyOf(stages);
        generatorRules = generatorRules == null ? List.of() : List.copyOf(generatorRules);
    }

    /** A step without named generator rules or the under-loaded verdict. */
    public StepView(
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
            SloVerdict slo,
            List<FailureMessage> failureMessages,
            List<FlowView> flows,
            List<StageView> stages) {
        this(
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
                slo,
                failureMessages,
                flows,
                stages,
                null,
                false,
                null);
    }

    /** A step without failure messages, flows or stages (a v1 workload). */
    public StepView(
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
        this(
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
                slo,
                null,
                null,
                null);
    }

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
                verdict,
                failureMessages,
                flows,
                stages,
                generatorRules,
                underLoaded,
                underLoadedReason);
    }
}
