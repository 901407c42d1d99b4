package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.AgentShare;
import dev.loadlab.coordinator.model.RequestRecord;
import dev.loadlab.coordinator.model.StepHealth;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.OnAgentLoss;
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
 * Merges the agents' results for one step exactly: counts (named check failures too) are summed and histograms are
 * added (flows, stages and failure messages by {@link ResultDetails}), so percentiles are
 * computed from every recorded value and never averaged. Also decides the step's status and health from what
 * happened to its agents. Stateless.
 */
public final class ResultMerger {
    private ResultMerger() {}

    /**
     * @param assignments what each agent was asked to do, by agent id
     * @param results one result per agent that reported
     * @param outcome agents lost or silent, cancellation and the loss policy
     */
    public static StepRecord merge(
            UUID runId,
            int index,
            Instant startedAt,
            Instant finishedAt,
            Map<String, Assignment> assignments,
            List<StepResult> results,
            StepOutcome outcome) {
        Histogram total = HistogramCodec.newHistogram();
        Map<String, Histogram> byName = new TreeMap<>();
        Map<String, long[]> countsByName = new TreeMap<>();
        Map<String, Map<String, Long>> kindsByName = new TreeMap<>();
        Map<String, Map<String, Long>> checksByName = new TreeMap<>();
        Map<String, Long> kinds = new TreeMap<>();
        List<AgentShare> shares = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        long requests = 0;
        long errors = 0;
        long warmup = 0;
        Long skew = null;
        Double busiest = null;
        List<String> failures = new ArrayList<>();
        List<StepResult> inOrder = results.stream()
                .sorted(Comparator.comparing(StepResult::agentId))
                .toList();
        for (StepResult result : inOrder) {
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
                request.failedChecks().forEach((label, n) -> checksByName
                        .computeIfAbsent(request.name(), x -> new TreeMap<>())
                        .merge(label, n, Long::sum));
                agentRequests += request.requests();
                agentErrors += request.errors();
            }
            requests += agentRequests;
            errors += agentErrors;
            warmup += result.warmupRequests();
            from = earliest(from, result.measuredFrom());
            to = latest(to, result.measuredTo());
            if (result.startSkewMs() != null) {
                skew = skew == null ? result.startSkewMs() : Math.max(skew, result.startSkewMs());
            }
            if (result.cpuShare() != null && (busiest == null || result.cpuShare() > busiest)) {
                busiest = result.cpuShare();
            }
            shares.add(share(
                    assignments,
                    result.agentId(),
                    agentRequests,
                    agentErrors,
                    result.warmupRequests(),
                    result.failure()));
            if (result.failed()) {
                failures.add("agent " + result.agentId() + ": " + result.failure());
            }
        }
        for (String agentId : outcome.lost()) {
            shares.add(share(assignments, agentId, 0, 0, 0, "lost: left the cluster before reporting its result"));
        }
        outcome.missing().forEach((agentId, reason) -> {
            shares.add(share(assignments, agentId, 0, 0, 0, reason));
            failures.add("agent " + agentId + ": " + reason);
        });
        List<RequestRecord> byRequest = new ArrayList<>();
        byName.forEach((name, h) -> byRequest.add(new RequestRecord(
                name,
                countsByName.get(name)[0],
                countsByName.get(name)[1],
                kindsByName.getOrDefault(name, Map.of()),
                h,
                checksByName.get(name))));
        List<String> lost = outcome.lost().stream().sorted().toList();
        if (!lost.isEmpty() && (outcome.onAgentLoss() == OnAgentLoss.ABORT || results.isEmpty())) {
            failures.add("lost agent(s) " + lost
                    + (outcome.onAgentLoss() == OnAgentLoss.ABORT
                            ? " and onAgentLoss is abort: the other agents were stopped"
                            : " and no agent was left to finish the step"));
        }
        StepStatus status = outcome.cancelled()
                ? StepStatus.CANCELLED
                : !failures.isEmpty()
                        ? StepStatus.FAILED
                        : !lost.isEmpty() ? StepStatus.DEGRADED : StepStatus.SUCCEEDED;
        String failure = !failures.isEmpty()
                ? String.join("; ", failures)
                : !lost.isEmpty() ? "lost agent(s) " + lost + "; the others finished the step" : null;
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
                LatencyMs.of(total),
                byRequest,
                shares,
                failure,
                new StepPlan(index, null, null),
                null,
                health(skew, lost, busiest, inOrder),
                null,
                ResultDetails.failureMessages(inOrder),
                ResultDetails.flows(inOrder),
                ResultDetails.stages(inOrder));
    }

    private static StepHealth health(Long skew, List<String> lost, Double busiest, List<StepResult> results) {
        // The target's usage is not known yet: the rules that need it are applied when it is (GeneratorHealth).
        GeneratorCheck.Verdict verdict = GeneratorCheck.check(GeneratorHealth.agents(results), null, null, null, null);
        return new StepHealth(skew, lost, false, null, busiest).with(verdict);
    }

    private static AgentShare share(
            Map<String, Assignment> assignments,
            String agentId,
            long requests,
            long errors,
            long warmup,
            String failure) {
        Assignment assignment = assignments.get(agentId);
        return new AgentShare(
                agentId,
                assignment == null ? null : assignment.users(),
                assignment == null ? null : assignment.rate(),
                requests,
                errors,
                warmup,
                failure);
    }

    /** A step that never started (the target could not be switched, say): no results, the reason as failure. */
    public static StepRecord notStarted(
            UUID runId, StepPlan plan, Instant startedAt, Instant finishedAt, String reason, boolean cancelled) {
        return new StepRecord(
                runId,
                plan.index(),
                cancelled ? StepStatus.CANCELLED : StepStatus.FAILED,
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
                null,
                StepHealth.UNKNOWN,
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
