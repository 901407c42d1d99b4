package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.LiveProgress;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.targetcontrol.TargetSampler;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/**
 * A step in flight: who was asked to do what, who is ready, who has answered or was lost, the merged timeline so far
 * and the latest figures for live display. Owned by the scheduler's thread; not thread-safe.
 */
final class ActiveStep {
    final UUID runId;
    final Scenario scenario;
    final StepPlan plan;
    final int index;
    /** 0 for a plain step; a search step's probe number otherwise. */
    final int probe;

    final Instant startedAt;
    final TargetSampler sampler;
    final Map<String, Assignment> assignments = new LinkedHashMap<>();
    final Set<String> ready = new HashSet<>();
    final Map<String, StepResult> results = new LinkedHashMap<>();
    final Set<String> lost = new HashSet<>();
    final Map<String, String> missing = new LinkedHashMap<>();
    IntervalMerger timeline;
    long measuredRequests;
    long measuredErrors;
    long lastSecond = -1;
    boolean lastWarmup = true;
    boolean started;
    boolean cancelled;
    boolean aborted;
    ScheduledFuture<?> deadline;

    /** {@code scenario} is what the agents run: for a search probe, the scenario with the probe's open-model load. */
    ActiveStep(UUID runId, Scenario scenario, StepPlan plan, int probe, Instant startedAt, TargetSampler sampler) {
        this.runId = runId;
        this.scenario = scenario;
        this.plan = plan;
        this.index = plan.index();
        this.probe = probe;
        this.startedAt = startedAt;
        this.sampler = sampler;
    }

    /** Whether a message about ({@code stepIndex}, {@code probeNumber}) is about this step. */
    boolean is(int stepIndex, int probeNumber) {
        return index == stepIndex && probe == probeNumber;
    }

    boolean awaits(String agentId) {
        return assignments.containsKey(agentId)
                && !results.containsKey(agentId)
                && !lost.contains(agentId)
                && !missing.containsKey(agentId);
    }

    /** Every agent that is still expected to take part has said it is ready. */
    boolean allReady() {
        return assignments.keySet().stream().filter(this::awaits).allMatch(ready::contains);
    }

    boolean complete() {
        return results.size() + lost.size() + missing.size() == assignments.size();
    }

    void onInterval(Interval interval) {
        if (!interval.warmup()) {
            interval.requests().forEach(r -> {
                measuredRequests += r.requests();
                measuredErrors += r.errors();
            });
        }
        lastSecond = Math.max(lastSecond, interval.second());
        lastWarmup = interval.warmup();
    }

    /** Live figures from the intervals merged so far: before the first one, a step that is still warming up. */
    LiveProgress live() {
        double planned = (scenario.load().warmup().toMillis()
                        + scenario.load().duration().toMillis())
                / 1000.0;
        return new LiveProgress(
                index,
                probe == 0 ? null : probe,
                probe == 0 ? null : scenario.load().rate(),
                lastWarmup,
                measuredRequests,
                measuredErrors,
                lastSecond + 1.0,
                planned);
    }

    StepOutcome outcome() {
        return new StepOutcome(lost, missing, cancelled, scenario.onAgentLoss());
    }
}
