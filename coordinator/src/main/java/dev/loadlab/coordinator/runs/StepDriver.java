package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.cluster.ClusterBridge;
import dev.loadlab.coordinator.db.RunRepository;
import dev.loadlab.coordinator.db.TimelineRepository;
import dev.loadlab.coordinator.model.LiveProgress;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.targetcontrol.TargetSampler;
import dev.loadlab.coordinator.targetcontrol.UsageWindow;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.OnAgentLoss;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step's life on its agents: PREPARE every agent (a search step: one probe after another), wait until all are
 * READY, give them one start time in cluster time, merge their per-second intervals as they arrive, and hand the
 * merged step to {@code finished} when every agent has reported, been lost or missed its deadline. Runs on the
 * scheduler's thread only (it is given that thread to schedule its deadlines on), so it needs no locks; not
 * thread-safe.
 */
final class StepDriver {
    private static final Logger LOG = LoggerFactory.getLogger(StepDriver.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Time for the Start message to reach every agent before the agreed start. */
    private static final Duration START_MARGIN = Duration.ofMillis(500);

    private final RunRepository repository;
    private final TimelineRepository timeline;
    private final ClusterBridge cluster;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Duration grace;
    private final Map<UUID, LiveProgress> live;
    private final BiConsumer<String, ToAgent> send;
    private final BiConsumer<ActiveRun, StepRecord> finished;

    StepDriver(
            RunRepository repository,
            TimelineRepository timeline,
            ClusterBridge cluster,
            ScheduledExecutorService thread,
            Clock clock,
            Duration grace,
            Map<UUID, LiveProgress> live,
            BiConsumer<String, ToAgent> send,
            BiConsumer<ActiveRun, StepRecord> finished) {
        this.repository = repository;
        this.timeline = timeline;
        this.cluster = cluster;
        this.thread = thread;
        this.clock = clock;
        this.grace = grace;
        this.live = live;
        this.send = send;
        this.finished = finished;
    }

    /** Whether {@code result} is one the run's step in flight still waits for. */
    static boolean awaits(ActiveRun run, StepResult result) {
        ActiveStep step = run == null ? null : run.step;
        return step != null && step.is(result.stepIndex(), result.probe()) && step.awaits(result.agentId());
    }

    void onReady(ActiveRun run, Ready ready) {
        ActiveStep step = run.step;
        if (step != null && step.is(ready.stepIndex(), ready.probe()) && step.awaits(ready.agentId())) {
            step.ready.add(ready.agentId());
            maybeStart(run);
        }
    }

    void onInterval(ActiveRun run, Interval interval) {
        ActiveStep step = run.step;
        if (step != null && step.is(interval.stepIndex(), interval.probe()) && step.timeline != null) {
            step.onInterval(interval);
            step.timeline.add(interval);
            live.put(step.runId, step.live());
        }
    }

    /** An awaited agent's final result, already stored and acknowledged. */
    void onResult(ActiveRun run, StepResult result) {
        ActiveStep step = run.step;
        step.results.put(result.agentId(), result);
        if (!step.started && !step.aborted) {
            // An agent could not even prepare: the step cannot be what was asked, so stop the others.
            step.aborted = true;
            cancelAwaited(run, step);
        }
        if (step.timeline != null) {
            step.timeline.agentGone(result.agentId());
        }
        completeIfDone(run);
    }

    /** {@code agentId} left the cluster: no longer awaited; with {@code onAgentLoss: abort} the others stop too. */
    void onAgentLost(ActiveRun run, String agentId) {
        ActiveStep step = run.step;
        if (step == null || !step.awaits(agentId)) {
            return;
        }
        step.lost.add(agentId);
        if (step.timeline != null) {
            step.timeline.agentGone(agentId);
        }
        if (run.scenario.onAgentLoss() == OnAgentLoss.ABORT && !step.aborted) {
            step.aborted = true;
            cancelAwaited(run, step);
        }
        maybeStart(run);
        completeIfDone(run);
    }

    /** Stops the step in flight, if any: its agents report what they measured, marked cancelled. */
    void cancel(ActiveRun run) {
        ActiveStep step = run.step;
        if (step != null) {
            step.cancelled = true;
            cancelAwaited(run, step);
        }
    }

    private void cancelAwaited(ActiveRun run, ActiveStep step) {
        step.assignments.keySet().stream()
                .filter(step::awaits)
                .forEach(agentId -> send.accept(agentId, new Cancel(run.id, step.index, step.probe)));
    }

    /** Prepares {@code plan} (or a search step's next probe) on the run's agents, or ends it at once if it cannot run. */
    void prepare(ActiveRun run, StepPlan plan, Instant startedAt) {
        if (run.cancelling) {
            finished.accept(run, ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), "cancelled", true));
            return;
        }
        if (run.agents.isEmpty()) {
            finished.accept(
                    run,
                    ResultMerger.notStarted(
                            run.id, plan, startedAt, clock.instant(), "every agent of this run was lost", false));
            return;
        }
        Scenario scenario = run.scenario;
        int probe = 0;
        if (scenario.load().model() == LoadModel.SEARCH) {
            if (run.search == null) {
                run.search = new SearchStep(scenario, startedAt);
            }
            probe = run.search.nextProbe();
            scenario = run.search.probeScenario(scenario);
        }
        TargetSampler sampler = run.control == null ? null : TargetSampler.start(run.control, SAMPLE_EVERY);
        ActiveStep step = new ActiveStep(run.id, scenario, plan, probe, startedAt, sampler);
        run.step = step;
        step.timeline = new IntervalMerger(
                Set.copyOf(run.agents), probe == 0 ? null : probe, merged -> storeSecond(step, merged));
        for (int i = 0; i < run.agents.size(); i++) {
            String agentId = run.agents.get(i);
            Assignment assignment = new Assignment(
                    run.id,
                    step.index,
                    step.probe,
                    scenario,
                    run.agents.size(),
                    LoadSplit.usersOrNull(scenario.load(), run.agents.size(), i),
                    LoadSplit.rateOrNull(scenario.load(), run.agents.size()));
            step.assignments.put(agentId, assignment);
            send.accept(agentId, assignment);
        }
        live.put(run.id, step.live());
        step.deadline =
                thread.schedule(() -> onReadyTimeout(run, step), READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "run {} {}{} prepared on {}",
                run.id,
                plan,
                probe == 0 ? "" : " probe " + probe + " at " + scenario.load().rate() + "/s",
                run.agents);
    }

    /** Once every agent still in the step is ready: one start time, in cluster time, for all. */
    private void maybeStart(ActiveRun run) {
        ActiveStep step = run.step;
        if (step == null
                || step.started
                || step.cancelled
                || step.aborted
                || !step.allReady()
                || step.assignments.keySet().stream().noneMatch(step::awaits)) {
            return;
        }
        step.started = true;
        long startAt = cluster.clusterTimeMs() + START_MARGIN.toMillis();
        step.assignments.keySet().stream()
                .filter(step::awaits)
                .forEach(agentId -> send.accept(agentId, new Start(run.id, step.index, step.probe, startAt)));
        step.deadline.cancel(false);
        Duration limit = START_MARGIN
                .plus(step.scenario.load().warmup())
                .plus(step.scenario.load().duration())
                .plus(grace);
        step.deadline = thread.schedule(() -> onDeadline(run, step, limit), limit.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("run {} step {} starts at cluster time {}", run.id, step.index, startAt);
    }

    private void onReadyTimeout(ActiveRun run, ActiveStep step) {
        if (run.step != step || step.started) {
            return;
        }
        for (String agentId : step.assignments.keySet()) {
            if (step.awaits(agentId) && !step.ready.contains(agentId)) {
                step.missing.put(agentId, "not ready within " + READY_TIMEOUT.toSeconds() + " s");
            } else if (step.awaits(agentId)) {
                send.accept(agentId, new Cancel(run.id, step.index, step.probe));
            }
        }
        step.deadline = thread.schedule(() -> onDeadline(run, step, grace), grace.toMillis(), TimeUnit.MILLISECONDS);
        completeIfDone(run);
    }

    private void onDeadline(ActiveRun run, ActiveStep step, Duration limit) {
        if (run.step != step) {
            return;
        }
        for (String agentId : step.assignments.keySet()) {
            if (step.awaits(agentId)) {
                step.missing.put(agentId, "did not report a result within " + limit.toSeconds() + " s");
            }
        }
        completeIfDone(run);
    }

    private void completeIfDone(ActiveRun run) {
        ActiveStep step = run.step;
        if (step == null || !step.complete()) {
            return;
        }
        step.deadline.cancel(false);
        step.timeline.finish();
        StepRecord merged = ResultMerger.merge(
                step.runId,
                step.index,
                step.startedAt,
                clock.instant(),
                step.assignments,
                List.copyOf(step.results.values()),
                step.outcome());
        TargetUsage usage = step.sampler == null
                ? null
                : UsageWindow.of(step.sampler.stop(), merged.measuredFrom(), merged.measuredTo())
                        .orElse(null);
        run.step = null;
        if (run.search != null) {
            onProbeDone(run, step, merged.with(step.plan, usage));
        } else {
            finished.accept(run, merged.with(step.plan, usage));
        }
    }

    /** Stores the probe as judged, then runs the next probe (same cell: no target switch) or stores the step. */
    private void onProbeDone(ActiveRun run, ActiveStep step, StepRecord record) {
        SearchStep.Next next = run.search.onProbeDone(
                step.probe, step.scenario.load().rate(), record, step.cancelled || run.cancelling, clock.instant());
        Probe probe = next.judged();
        if (probe != null) {
            LOG.info(
                    "run {} step {} probe {} at {}/s: {} req/s, p99 {} ms, {}",
                    run.id,
                    step.index,
                    probe.number(),
                    probe.rateRps(),
                    probe.throughputRps(),
                    probe.p99Ms(),
                    probe.passed() ? "met the SLO" : String.join("; ", probe.reasons()));
            try {
                repository.storeProbe(run.id, step.index, probe);
            } catch (StorageException e) {
                // The step's row carries every probe too; they are written again with it.
                LOG.error("cannot store run {} step {} probe {} yet", run.id, step.index, probe.number(), e);
            }
        }
        if (next.finished() == null) {
            prepare(run, step.plan, clock.instant());
            return;
        }
        run.search = null;
        finished.accept(run, next.finished());
    }

    private void storeSecond(ActiveStep step, IntervalMerger.Merged merged) {
        try {
            timeline.insert(step.runId, step.index, merged.point(), merged.histogram());
        } catch (StorageException e) {
            // The step's final result does not depend on it; the timeline has a gap, which the log records.
            LOG.error("cannot store second {} of run {} step {}", merged.point().second(), step.runId, step.index, e);
        }
    }
}
