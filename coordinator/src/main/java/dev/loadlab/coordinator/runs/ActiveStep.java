package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.target.TargetSampler;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Progress;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/**
 * A step in flight: who was asked to do what, who has answered, and the latest progress of each agent. Owned by the
 * scheduler's thread; not thread-safe.
 */
final class ActiveStep {
    final UUID runId;
    final Scenario scenario;
    final StepPlan plan;
    final int index;
    final Instant startedAt;
    final TargetSampler sampler;
    final Map<String, Assignment> assignments = new LinkedHashMap<>();
    final Map<String, StepResult> results = new LinkedHashMap<>();
    final Map<String, String> missing = new LinkedHashMap<>();
    final Map<String, Progress> progress = new LinkedHashMap<>();
    ScheduledFuture<?> deadline;

    ActiveStep(UUID runId, Scenario scenario, StepPlan plan, Instant startedAt, TargetSampler sampler) {
        this.runId = runId;
        this.scenario = scenario;
        this.plan = plan;
        this.index = plan.index();
        this.startedAt = startedAt;
        this.sampler = sampler;
    }

    boolean awaits(String agentId) {
        return assignments.containsKey(agentId) && !results.containsKey(agentId) && !missing.containsKey(agentId);
    }

    boolean complete() {
        return results.size() + missing.size() == assignments.size();
    }

    LiveProgress live() {
        long requests = 0;
        long errors = 0;
        double elapsed = 0;
        boolean warming = progress.isEmpty();
        for (Progress p : progress.values()) {
            requests += p.requests();
            errors += p.errors();
            elapsed = Math.max(elapsed, p.elapsedSeconds());
            warming |= p.warmingUp();
        }
        double planned = (scenario.load().warmup().toMillis()
                        + scenario.load().duration().toMillis())
                / 1000.0;
        return new LiveProgress(index, warming, requests, errors, elapsed, planned);
    }
}
