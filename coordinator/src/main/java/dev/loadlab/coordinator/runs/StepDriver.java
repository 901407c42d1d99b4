package dev.loadlab.coordinator.runs;

import dev.loadlab.cluster.CoordinatorEndpoint;
import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.coordinator.model.LiveProgress;
import dev.loadlab.coordinator.model.ScenarioInputs;
import dev.loadlab.coordinator.model.StepInputs;
import dev.loadlab.coordinator.model.StepJournal;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.steady.Steadiness;
import dev.loadlab.coordinator.steady.SteadinessCheck;
import dev.loadlab.coordinator.targetcontrol.Imbalance;
import dev.loadlab.coordinator.targetcontrol.TargetSample;
import dev.loadlab.coordinator.targetcontrol.TargetSampler;
import dev.loadlab.coordinator.targetcontrol.UsageWindow;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.OnAgentLoss;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step's life on its agents, through the {@link ActiveStep}'s phases: PREPARE every agent (a search step: one
 * probe after another), wait until all are READY, give them one start time in cluster time, merge their per-second
 * intervals as they arrive, and return the merged step's record from the call that ended it: the last result, a lost
 * agent, or the scheduler's tick past a deadline. Messages to agents go out through the {@link Outbox}; the step's
 * writes through the {@link StepJournal}. Runs on the scheduler's thread only, so it needs no locks; not thread-safe.
 */
final class StepDriver {
    private static final Logger LOG = LoggerFactory.getLogger(StepDriver.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Time for the Start message to reach every agent before the agreed start. */
    private static final Duration START_MARGIN = Duration.ofMillis(500);

    private final StepJournal journal;
    private final CoordinatorEndpoint cluster;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration grace;
    private final StepInputs inputs;
    private final RunObserver observer;
    /** Each active run's latest progress, for {@link #progress}: written here only, read from any thread. */
    private final Map<UUID, LiveProgress> live = new ConcurrentHashMap<>();

    StepDriver(
            StepJournal journal,
            CoordinatorEndpoint cluster,
            Outbox outbox,
            Clock clock,
            Duration grace,
            StepInputs inputs,
            RunObserver observer) {
        this.journal = journal;
        this.observer = observer;
        this.inputs = inputs;
        this.cluster = cluster;
        this.outbox = outbox;
        this.clock = clock;
        this.grace = grace;
    }

    /** The run's step in flight as far as it got (merged intervals so far), if it has one; from any thread. */
    Optional<LiveProgress> progress(UUID runId) {
        return Optional.ofNullable(live.get(runId));
    }

    /** The run is switching its target before step {@code plan}: shown as warming up, nothing measured yet. */
    void switchingTarget(UUID runId, StepPlan plan) {
        live.put(runId, new LiveProgress(plan.index(), null, null, true, 0, 0, 0, 0));
    }

    /** The run ended: no progress to show. */
    void forget(UUID runId) {
        live.remove(runId);
    }

    /** Whether {@code result} is one the run's step in flight still waits for. */
    static boolean awaits(ActiveRun run, StepResult result) {
        return inFlight(run, result) && run.step.awaits(result.agentId());
    }

    /**
     * Whether {@code result} belongs to the run's step in flight, awaited or not (an agent's second delivery before
     * the acknowledgement reached it, or a result from an agent the step gave up on): such a step is concluded and
     * stored by this driver only, never by a re-delivery's merge.
     */
    static boolean inFlight(ActiveRun run, StepResult result) {
        ActiveStep step = run == null ? null : run.step;
        return step != null && step.is(result.key());
    }

    void onReady(ActiveRun run, Ready ready) {
        ActiveStep step = run.step;
        if (step != null && step.is(ready.key())) {
            step.ready(ready.agentId());
            maybeStart(run);
        }
    }

    void onInterval(ActiveRun run, Interval interval) {
        ActiveStep step = run.step;
        if (step != null && step.is(interval.key())) {
            step.onInterval(interval);
            live.put(step.runId, step.live());
        }
    }

    /** An awaited agent's final result, already stored and acknowledged; the step's record if that ended it. */
    Optional<StepRecord> onResult(ActiveRun run, StepResult result) {
        ActiveStep step = run.step;
        step.result(result);
        // An agent that could not even prepare: the step cannot be what was asked, so stop the others.
        if (step.phase() == ActiveStep.Phase.PREPARING && step.abort()) {
            cancelAwaited(step);
        }
        return completeIfDone(run);
    }

    /** {@code agentId} left the cluster: no longer awaited; with {@code onAgentLoss: abort} the others stop too. */
    Optional<StepRecord> onAgentLost(ActiveRun run, String agentId) {
        ActiveStep step = run.step;
        if (step == null || !step.lose(agentId)) {
            return Optional.empty();
        }
        if (run.scenario.onAgentLoss() == OnAgentLoss.ABORT && step.abort()) {
            cancelAwaited(step);
        }
        maybeStart(run);
        return completeIfDone(run);
    }

    /** Stops the step in flight, if any: its agents report what they measured, marked cancelled. */
    void cancel(ActiveRun run) {
        ActiveStep step = run.step;
        if (step != null) {
            step.cancel();
            cancelAwaited(step);
        }
    }

    private void cancelAwaited(ActiveStep step) {
        Cancel cancel = new Cancel(step.runId, step.index, step.probe);
        step.awaited().forEach(agentId -> outbox.send(agentId, cancel));
    }

    /**
     * Prepares {@code plan} (or a search step's next probe) on the run's agents; the step's record at once when it
     * cannot run.
     */
    Optional<StepRecord> prepare(ActiveRun run, StepPlan plan, Instant startedAt) {
        if (run.cancelling) {
            return Optional.of(ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), "cancelled", true));
        }
        if (run.agents.isEmpty()) {
            return Optional.of(ResultMerger.notStarted(
                    run.id, plan, startedAt, clock.instant(), "every agent of this run was lost", false));
        }
        Scenario scenario = run.scenario;
        try {
            if (run.inputs == null) {
                run.inputs = resolve(scenario);
            }
        } catch (MissingInput | StorageException | IllegalStateException e) {
            // IllegalStateException: a stored secret that this coordinator's key does not open (the key changed).
            if (e instanceof StorageException) {
                observer.storageFailed("read the scenario's inputs");
            }
            String reason = e instanceof StorageException
                    ? "the scenario's dataset and secrets could not be read: storage unavailable"
                    : e.getMessage();
            LOG.warn("run {} {} cannot start: {}", run.id, plan, reason);
            return Optional.of(ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), reason, false));
        }
        int probe = 0;
        if (scenario.load().model() == LoadModel.SEARCH) {
            if (run.search == null) {
                run.search = new SearchStep(scenario, startedAt);
            }
            probe = run.search.nextProbe();
            scenario = run.search.probeScenario(scenario);
        }
        TargetSampler sampler = run.control == null ? null : TargetSampler.start(run.control, SAMPLE_EVERY);
        ActiveStep step = new ActiveStep(
                run.id,
                scenario,
                plan,
                probe,
                startedAt,
                sampler,
                run.agents,
                merged -> storeSecond(run, plan, merged));
        run.step = step;
        for (int i = 0; i < run.agents.size(); i++) {
            String agentId = run.agents.get(i);
            Assignment assignment = new Assignment(
                    run.id,
                    step.index,
                    step.probe,
                    scenario,
                    run.agents.size(),
                    LoadSplit.usersOrNull(scenario.load(), run.agents.size(), i),
                    LoadSplit.rateOrNull(scenario.load(), run.agents.size()),
                    i,
                    run.inputs.secrets(),
                    run.inputs.table() == null
                            ? null
                            : DatasetSlices.slice(
                                    run.inputs.table(),
                                    scenario.workload().dataset().strategy(),
                                    run.agents.size(),
                                    i));
            step.assign(agentId, assignment);
            outbox.send(agentId, assignment);
        }
        live.put(run.id, step.live());
        step.due(clock.instant().plus(READY_TIMEOUT), "not ready within " + READY_TIMEOUT.toSeconds() + " s");
        LOG.info(
                "run {} {}{} prepared on {}",
                run.id,
                plan,
                probe == 0 ? "" : " probe " + probe + " at " + scenario.load().rate() + "/s",
                run.agents);
        return Optional.empty();
    }

    /** A dataset or secret the scenario refers to is no longer stored; the message names it. */
    private static final class MissingInput extends RuntimeException {
        MissingInput(String message) {
            super(message, null, false, false);
        }
    }

    /** The scenario's dataset (every row) and the values of the secrets it names. */
    private RunInputs resolve(Scenario scenario) {
        DatasetTable table = null;
        Optional<String> dataset = ScenarioInputs.dataset(scenario);
        if (dataset.isPresent()) {
            table = inputs.dataset(dataset.get())
                    .orElseThrow(() -> new MissingInput("dataset " + dataset.get()
                            + " (the workload's $.workload.dataset.name) no longer exists; upload it again with POST"
                            + " /api/v1/datasets"));
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : ScenarioInputs.secrets(scenario)) {
            // The value goes into the assignments only: never into a log line, a stored run or an error message.
            secrets.put(
                    name,
                    inputs.secret(name)
                            .orElseThrow(() -> new MissingInput("secret " + name + " (${secret:" + name
                                    + "}) no longer exists; store it again with POST /api/v1/secrets")));
        }
        return new RunInputs(table, secrets);
    }

    /** Once every agent still in the step is ready: one start time, in cluster time, for all. */
    private void maybeStart(ActiveRun run) {
        ActiveStep step = run.step;
        if (step == null || !step.canStart()) {
            return;
        }
        long startAt = cluster.clusterTimeMs() + START_MARGIN.toMillis();
        Start start = new Start(step.runId, step.index, step.probe, startAt);
        step.awaited().forEach(agentId -> outbox.send(agentId, start));
        Duration limit = START_MARGIN
                .plus(step.scenario.load().warmup())
                .plus(step.scenario.load().duration())
                .plus(grace);
        step.start(clock.instant().plus(limit), "did not report a result within " + limit.toSeconds() + " s");
        LOG.info("run {} step {} starts at cluster time {}", run.id, step.index, startAt);
    }

    /**
     * The scheduler's clock tick: when the step in flight is past its deadline, the agents it still waits for are
     * marked missing (a step still preparing first cancels the ones that were ready, then waits {@code grace} for
     * their results); returns the step's record if that ended it.
     */
    Optional<StepRecord> onTick(ActiveRun run, Instant now) {
        ActiveStep step = run.step;
        if (step == null || !step.overdue(now)) {
            return Optional.empty();
        }
        if (step.phase() == ActiveStep.Phase.PREPARING && !step.readyTimedOut()) {
            Cancel cancel = new Cancel(step.runId, step.index, step.probe);
            for (String agentId : step.awaited()) {
                if (step.isReady(agentId)) {
                    outbox.send(agentId, cancel);
                } else {
                    step.miss(agentId, step.overdueReason());
                }
            }
            step.due(now.plus(grace), "did not report a result within " + grace.toSeconds() + " s");
            step.stopWaitingForReady();
        } else {
            for (String agentId : step.awaited()) {
                step.miss(agentId, step.overdueReason());
            }
        }
        return completeIfDone(run);
    }

    private Optional<StepRecord> completeIfDone(ActiveRun run) {
        ActiveStep step = run.step;
        if (step == null || !step.complete()) {
            return Optional.empty();
        }
        StepRecord merged = step.finish(clock.instant());
        Load load = step.scenario.load();
        List<TargetSample> samples = step.sampler == null ? null : step.sampler.stop();
        TargetUsage usage = samples == null
                ? null
                : UsageWindow.of(samples, merged.measuredFrom(), merged.measuredTo())
                        .map(window -> window.withImbalance(Imbalance.note(
                                window.workers(),
                                load.connectionsOrDefault(),
                                load.model() == LoadModel.CLOSED ? load.users() : null)))
                        .orElse(null);
        run.step = null;
        StepRecord judged = GeneratorHealth.judge(merged.with(step.plan, usage), step.results(), step.scenario.load());
        if (step.probe == 0 && !load.staged()) {
            judged = judged.withHealth(judged.health().withSteadiness(steadiness(step, merged, samples)));
        }
        return run.search != null ? onProbeDone(run, step, judged) : Optional.of(judged);
    }

    /** The step's steadiness over its measured seconds (and its target's, where sampled); null when not judged. */
    private static Steadiness steadiness(ActiveStep step, StepRecord merged, List<TargetSample> samples) {
        double[] requests = step.measuredRequestsPerSecond();
        double[] cores =
                samples == null ? null : UsageWindow.coresPerSecond(samples, merged.measuredFrom(), requests.length);
        return SteadinessCheck.judge(requests, cores);
    }

    /**
     * Stores the probe as judged, then runs the next probe (same cell: no target switch); the whole search step's
     * record when the search ended.
     */
    private Optional<StepRecord> onProbeDone(ActiveRun run, ActiveStep step, StepRecord record) {
        SearchStep.Next next = run.search.onProbeDone(
                step.probe, step.scenario.load().rate(), record, step.cancelled() || run.cancelling, clock.instant());
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
                journal.storeProbe(run.id, step.index, probe);
            } catch (StorageException e) {
                // The step's row carries every probe too; they are written again with it.
                observer.storageFailed("store a probe");
                LOG.error("cannot store run {} step {} probe {} yet", run.id, step.index, probe.number(), e);
            }
        }
        if (next.finished() == null) {
            return prepare(run, step.plan, clock.instant());
        }
        run.search = null;
        return Optional.of(next.finished());
    }

    private void storeSecond(ActiveRun run, StepPlan plan, IntervalMerger.Merged merged) {
        UUID runId = run.id;
        observer.liveSecond(runId, run.scenario.name(), merged.point(), merged.histogramByName());
        try {
            journal.storeSecond(runId, plan.index(), merged.point(), merged.histogram());
        } catch (StorageException e) {
            // The step's final result does not depend on it; the timeline has a gap, which the log records.
            observer.storageFailed("store a second");
            LOG.error("cannot store second {} of run {} step {}", merged.point().second(), runId, plan.index(), e);
        }
    }
}
