package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.protocol.result.LatencyMs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * A finished step as it is stored: totals over every agent, the merged histogram and the percentiles computed once
 * from it, the per-request breakdown and each agent's share, the first distinct failure messages (at most {@link
 * #MAX_FAILURE_MESSAGES}), the per-flow and per-stage results, the plan it ran under and what the target used. {@code
 * throughputRps} is measured responses divided by the measured window's length. Not thread-safe (histograms).
 */
public record StepRecord(
        UUID runId,
        int index,
        StepStatus status,
        Instant startedAt,
        Instant finishedAt,
        Instant measuredFrom,
        Instant measuredTo,
        long requests,
        long errors,
        long warmupRequests,
        double throughputRps,
        Map<String, Long> errorsByKind,
        Histogram histogram,
        LatencyMs latencyMs,
        List<RequestRecord> byRequest,
        List<AgentShare> agents,
        String failure,
        StepPlan plan,
        TargetUsage targetUsage,
        StepHealth health,
        SearchOutcome search,
        List<FailureMessage> failureMessages,
        List<FlowRecord> flows,
        List<StageRecord> stages) {
    /** At most this many distinct failure messages are kept per step, over all its agents. */
    public static final int MAX_FAILURE_MESSAGES = 20;

    public StepRecord {
        errorsByKind = Map.copyOf(errorsByKind);
        byRequest = List.copyOf(byRequest);
        agents = List.copyOf(agents);
        failureMessages = failureMessages == null ? List.of() : List.copyOf(failureMessages);
        flows = flows == null ? List.of() : List.copyOf(flows);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** A record without failure messages, flows or stages (a v1 workload), percentiles given. */
    public StepRecord(
            UUID runId,
            int index,
            StepStatus status,
            Instant startedAt,
            Instant finishedAt,
            Instant measuredFrom,
            Instant measuredTo,
            long requests,
            long errors,
            long warmupRequests,
            double throughputRps,
            Map<String, Long> errorsByKind,
            Histogram histogram,
            LatencyMs latencyMs,
            List<RequestRecord> byRequest,
            List<AgentShare> agents,
            String failure,
            StepPlan plan,
            TargetUsage targetUsage,
            StepHealth health,
            SearchOutcome search) {
        this(
                runId,
                index,
                status,
                startedAt,
                finishedAt,
                measuredFrom,
                measuredTo,
                requests,
                errors,
                warmupRequests,
                throughputRps,
                errorsByKind,
                histogram,
                latencyMs,
                byRequest,
                agents,
                failure,
                plan,
                targetUsage,
                health,
                search,
                null,
                null,
                null);
    }

    /** A record whose percentiles are computed here, once, from the exactly merged {@code histogram}. */
    public StepRecord(
            UUID runId,
            int index,
            StepStatus status,
            Instant startedAt,
            Instant finishedAt,
            Instant measuredFrom,
            Instant measuredTo,
            long requests,
            long errors,
            long warmupRequests,
            double throughputRps,
            Map<String, Long> errorsByKind,
            Histogram histogram,
            List<RequestRecord> byRequest,
            List<AgentShare> agents,
            String failure,
            StepPlan plan,
            TargetUsage targetUsage,
            StepHealth health,
            SearchOutcome search) {
        this(
                runId,
                index,
                status,
                startedAt,
                finishedAt,
                measuredFrom,
                measuredTo,
                requests,
                errors,
                warmupRequests,
                throughputRps,
                errorsByKind,
                histogram,
                LatencyMs.of(histogram),
                byRequest,
                agents,
                failure,
                plan,
                targetUsage,
                health,
                search,
                null,
                null,
                null);
    }

    /**
     * This record as the result of a whole search step: its own figures are the knee probe's (or the probe it was
     * built from), its status the search's, its start and end the whole search's, {@code found} what it found.
     */
    public StepRecord asSearch(
            StepStatus searchStatus, Instant searchStartedAt, Instant searchFinishedAt, SearchOutcome found) {
        return new StepRecord(
                runId,
                index,
                searchStatus,
                searchStartedAt,
                searchFinishedAt,
                measuredFrom,
                measuredTo,
                requests,
                errors,
                warmupRequests,
                throughputRps,
                errorsByKind,
                histogram,
                latencyMs,
                byRequest,
                agents,
                failure,
                plan,
                targetUsage,
                health,
                found,
                failureMessages,
                flows,
                stages);
    }

    /** This record with {@code newHealth} (the generator verdict once the target's usage is known). */
    public StepRecord withHealth(StepHealth newHealth) {
        return new StepRecord(
                runId,
                index,
                status,
                startedAt,
                finishedAt,
                measuredFrom,
                measuredTo,
                requests,
                errors,
                warmupRequests,
                throughputRps,
                errorsByKind,
                histogram,
                latencyMs,
                byRequest,
                agents,
                failure,
                plan,
                targetUsage,
                newHealth,
                search,
                failureMessages,
                flows,
                stages);
    }

    /** This record for the given plan, with the target's usage in the window (null when not sampled). */
    public StepRecord with(StepPlan newPlan, TargetUsage usage) {
        return new StepRecord(
                runId,
                index,
                status,
                startedAt,
                finishedAt,
                measuredFrom,
                measuredTo,
                requests,
                errors,
                warmupRequests,
                throughputRps,
                errorsByKind,
                histogram,
                latencyMs,
                byRequest,
                agents,
                failure,
                newPlan,
                usage,
                health,
                search,
                failureMessages,
                flows,
                stages);
    }
}
