package dev.loadlab.coordinator.runs;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Merges the agents' results for one step exactly: counts are summed and histograms are added, so percentiles are
 * computed from every recorded value and never averaged. Stateless.
 */
public final class ResultMerger {
    private ResultMerger() {}

    /**
     * @param assignments what each agent was asked to do, by agent id order of the results
     * @param results one result per agent that reported (agents that did not are named in {@code missing})
     * @param missing ids of agents that never reported, with the reason
     */
    public static StepRecord merge(
            UUID runId,
            int index,
            Instant startedAt,
            Instant finishedAt,
            Map<String, Assignment> assignments,
            List<StepResult> results,
            Map<String, String> missing) {
        Histogram total = HistogramCodec.newHistogram();
        Map<String, Histogram> byName = new TreeMap<>();
        Map<String, long[]> countsByName = new TreeMap<>();
        Map<String, Map<String, Long>> kindsByName = new TreeMap<>();
        Map<String, Long> kinds = new TreeMap<>();
        List<AgentShare> shares = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        long requests = 0;
        long errors = 0;
        long warmup = 0;
        List<String> failures = new ArrayList<>();
        for (StepResult result : results.stream()
                .sorted(Comparator.comparing(StepResult::agentId))
                .toList()) {
            long agentRequests = 0;
            long agentErrors = 0;
            for (RequestResult request : result.requests()) {
                Histogram h = HistogramCodec.fromBase64(request.histogram());
                total.add(h);
                byName.computeIfAbsent(request.name(), n -> HistogramCodec.newHistogram())
                        .add(h);
                long[] counts = countsByName.computeIfAbsent(request.name(), n -> new long[2]);
                counts[0] += request.requests();
                counts[1] += request.errors();
                request.errorsByKind().forEach((kind, n) -> {
                    kinds.merge(kind, n, Long::sum);
                    kindsByName
                            .computeIfAbsent(request.name(), x -> new TreeMap<>())
                            .merge(kind, n, Long::sum);
                });
                agentRequests += request.requests();
                agentErrors += request.errors();
            }
            requests += agentRequests;
            errors += agentErrors;
            warmup += result.warmupRequests();
            from = earliest(from, result.measuredFrom());
            to = latest(to, result.measuredTo());
            Assignment assignment = assignments.get(result.agentId());
            shares.add(new AgentShare(
                    result.agentId(),
                    assignment == null ? null : assignment.users(),
                    assignment == null ? null : assignment.rate(),
                    agentRequests,
                    agentErrors,
                    result.warmupRequests(),
                    result.failure()));
            if (result.failed()) {
                failures.add("agent " + result.agentId() + ": " + result.failure());
            }
        }
        missing.forEach((agentId, reason) -> {
            Assignment assignment = assignments.get(agentId);
            shares.add(new AgentShare(
                    agentId,
                    assignment == null ? null : assignment.users(),
                    assignment == null ? null : assignment.rate(),
                    0,
                    0,
                    0,
                    reason));
            failures.add("agent " + agentId + ": " + reason);
        });
        List<RequestRecord> byRequest = new ArrayList<>();
        byName.forEach((name, h) -> byRequest.add(new RequestRecord(
                name,
                countsByName.get(name)[0],
                countsByName.get(name)[1],
                kindsByName.getOrDefault(name, Map.of()),
                h)));
        StepStatus status = failures.isEmpty() ? StepStatus.SUCCEEDED : StepStatus.FAILED;
        return new StepRecord(
                runId,
                index,
                status,
                startedAt,
                finishedAt,
                from,
                to,
                requests,
                errors,
                warmup,
                throughput(requests, from, to),
                kinds,
                total,
                byRequest,
                shares,
                failures.isEmpty() ? null : String.join("; ", failures),
                new StepPlan(index, null, null),
                null);
    }

    /** A step that never started (the target could not be switched, say): no results, the reason as failure. */
    public static StepRecord notStarted(
            UUID runId, StepPlan plan, Instant startedAt, Instant finishedAt, String reason) {
        return new StepRecord(
                runId,
                plan.index(),
                StepStatus.FAILED,
                startedAt,
                finishedAt,
                null,
                null,
                0,
                0,
                0,
                0,
                Map.of(),
                HistogramCodec.newHistogram(),
                List.of(),
                List.of(),
                reason,
                plan,
                null);
    }

    /** Responses in the measured window divided by the window's length in seconds; 0 for an empty window. */
    static double throughput(long requests, Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            return 0;
        }
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        return Math.round(requests / seconds * 10) / 10.0;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
