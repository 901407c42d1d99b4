package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.LiveProgress;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.targetcontrol.TargetSampler;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A step (or one probe of a search step) in flight, with an explicit phase: PREPARING (assignments sent, waiting for
 * every agent's READY), RUNNING (one start time given), FINISHING (every agent has reported, been lost or missed its
 * deadline: merged once, then gone). Who was asked to do what, who is ready, who answered or was lost, and the merged
 * timeline so far are changed only through its methods. Owned by the scheduler's thread; not thread-safe.
 */
final class ActiveStep {
    enum Phase {
        PREPARING,
        RUNNING,
        FINISHING
    }

    final UUID runId;
    /** What the agents run: for a search probe, the scenario with the probe's open-model load. */
    final Scenario scenario;

    final StepPlan plan;
    final int index;
    /** 0 for a plain step; a search step's probe number otherwise. */
    final int probe;

    final Instant startedAt;
    final TargetSampler sampler;
    private final Map<String, Assignment> assignments = new LinkedHashMap<>();
    private final Set<String> ready = new HashSet<>();
    private final Map<String, StepResult> results = new LinkedHashMap<>();
    private final Set<String> lost = new HashSet<>();
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final IntervalMerger timeline;
    // Merged responses of each measured second, by second from the step's start: the steadiness check's series.
    private final Map<Long, Long> measuredSeconds = new TreeMap<>();
    private Phase phase = Phase.PREPARING;
    private long measuredRequests;
    private long measuredErrors;
    private long lastSecond = -1;
    private boolean lastWarmup = true;
    private boolean cancelled;
    private boolean aborted;
    private boolean readyTimedOut;
    private Instant deadline;
    private String overdueReason;

    ActiveStep(
            UUID runId,
            Scenario scenario,
            StepPlan plan,
            int probe,
            Instant startedAt,
            TargetSampler sampler,
            List<String> agents,
            Consumer<IntervalMerger.Merged> seconds) {
        this.runId = runId;
        this.scenario = scenario;
        this.plan = plan;
        this.index = plan.index();
        this.probe = probe;
        this.startedAt = startedAt;
        this.sampler = sampler;
        this.timeline = new IntervalMerger(Set.copyOf(agents), probe == 0 ? null : probe, merged -> {
            if (!merged.point().warmup()) {
                measuredSeconds.put(merged.point().second(), merged.point().requests());
            }
            seconds.accept(merged);
        });
    }

    StepKey key() {
        return new StepKey(runId, index, probe);
    }

    Phase phase() {
        return phase;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Records what {@code agentId} was asked to do. */
    void assign(String agentId, Assignment assignment) {
        assignments.put(agentId, assignment);
    }

    /** Whether a message about {@code key} is about this step. */
    boolean is(StepKey key) {
        return key().equals(key);
    }

    boolean awaits(String agentId) {
        return assignments.containsKey(agentId)
                && !results.containsKey(agentId)
                && !lost.contains(agentId)
                && !missing.containsKey(agentId);
    }

    /** The agents still expected to take part, in assignment order. */
    List<String> awaited() {
        return assignments.keySet().stream().filter(this::awaits).toList();
    }

    /** An awaited agent is ready. */
    void ready(String agentId) {
        if (awaits(agentId)) {
            ready.add(agentId);
        }
    }

    /** Whether the step may start now: still preparing, not stopped, and every agent still in it ready. */
    boolean canStart() {
        List<String> awaited = awaited();
        return phase == Phase.PREPARING
                && !cancelled
                && !aborted
                && !readyTimedOut
                && !awaited.isEmpty()
                && ready.containsAll(awaited);
    }

    /** PREPARING -> RUNNING, with the deadline by which every agent must have reported, and what missing it means. */
    void start(Instant resultsDue, String reason) {
        if (phase != Phase.PREPARING) {
            throw new IllegalStateException("step " + key() + " cannot start: it is " + phase);
        }
        phase = Phase.RUNNING;
        due(resultsDue, reason);
    }

    /** The deadline now in force (readiness while preparing, results after), and what missing it means. */
    void due(Instant at, String reason) {
        deadline = at;
        overdueReason = reason;
    }

    boolean overdue(Instant now) {
        return deadline != null && phase != Phase.FINISHING && !now.isBefore(deadline);
    }

    String overdueReason() {
        return overdueReason;
    }

    /** Preparing took too long: the step will not start, and waits only for the ready agents' (cancelled) results. */
    void stopWaitingForReady() {
        readyTimedOut = true;
    }

    /** Whether the readiness deadline passed while preparing (the deadline in force since is for results). */
    boolean readyTimedOut() {
        return readyTimedOut;
    }

    void onInterval(Interval interval) {
        timeline.add(interval);
        if (!interval.warmup()) {
            interval.requests().forEach(r -> {
                measuredRequests += r.requests();
                measuredErrors += r.errors();
            });
        }
        lastSecond = Math.max(lastSecond, interval.second());
        lastWarmup = interval.warmup();
    }

    /** An awaited agent's final result (already stored). */
    void result(StepResult result) {
        results.put(result.agentId(), result);
        timeline.agentGone(result.agentId());
    }

    /** {@code agentId} left the cluster; false when it was not awaited. */
    boolean lose(String agentId) {
        if (!awaits(agentId)) {
            return false;
        }
        lost.add(agentId);
        timeline.agentGone(agentId);
        return true;
    }

    /** {@code agentId} did not do what it was due to by a deadline. */
    void miss(String agentId, String reason) {
        missing.put(agentId, reason);
        timeline.agentGone(agentId);
    }

    boolean isReady(String agentId) {
        return ready.contains(agentId);
    }

    /** The user cancelled: the step ends CANCELLED with what its agents measured. */
    void cancel() {
        cancelled = true;
    }

    /**
     * The step cannot be what was asked (an agent failed to prepare, or one was lost under {@code onAgentLoss:
     * abort}); true the first time, when the others must be stopped.
     */
    boolean abort() {
        if (aborted) {
            return false;
        }
        aborted = true;
        return true;
    }

    boolean complete() {
        return phase != Phase.FINISHING && results.size() + lost.size() + missing.size() == assignments.size();
    }

    /** The results the agents reported so far, in the order they arrived. */
    List<StepResult> results() {
        return List.copyOf(results.values());
    }

    /** -> FINISHING: the last seconds are flushed and the agents' results merged, once. */
    StepRecord finish(Instant now) {
        phase = Phase.FINISHING;
        timeline.finish();
        return ResultMerger.merge(
                runId,
                index,
                startedAt,
                now,
                assignments,
                List.copyOf(results.values()),
                new StepOutcome(lost, missing, cancelled, scenario.onAgentLoss()));
    }

    /**
     * The merged responses of each measured second in time order, the planned seconds only (the measured duration's
     * whole seconds): a last second holding only stragglers' responses would read as a drop. Complete after {@link
     * #finish}.
     */
    double[] measuredRequestsPerSecond() {
        long planned = scenario.load().duration() == null
                ? Long.MAX_VALUE
                : scenario.load().duration().toSeconds();
        return measuredSeconds.values().stream()
                .limit(planned)
                .mapToDouble(Long::doubleValue)
                .toArray();
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
}
