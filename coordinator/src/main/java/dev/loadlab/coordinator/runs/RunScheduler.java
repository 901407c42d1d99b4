package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.cluster.AgentRegistry;
import dev.loadlab.coordinator.cluster.ClusterBridge;
import dev.loadlab.coordinator.db.DatabaseException;
import dev.loadlab.coordinator.db.RunRepository;
import dev.loadlab.coordinator.db.RunRepository.PendingRun;
import dev.loadlab.coordinator.db.TimelineRepository;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.target.TargetControlClient;
import dev.loadlab.coordinator.target.TargetControlException;
import dev.loadlab.coordinator.target.TargetSampler;
import dev.loadlab.coordinator.target.TargetUsage;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.OnAgentLoss;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run state machine. Runs wait in submission order (with a visible reason, failing after the placement timeout);
 * the head run starts when enough agents are idle and keeps them until its last step. Each step: switch the target
 * when the plan says so (off this thread), PREPARE every agent, wait until all are READY, give them one start time in
 * cluster time, merge their per-second intervals as they arrive, store each agent's final result before acknowledging
 * it, and store the merged step when every agent has reported, been lost or missed the deadline. All state changes
 * happen on one scheduler thread, so none of it needs locks; {@link #progress} and {@link #queueReason} are readable
 * from any thread. Thread-safe.
 */
public final class RunScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Time for the Start message to reach every agent before the agreed start. */
    private static final Duration START_MARGIN = Duration.ofMillis(500);

    private final RunRepository repository;
    private final TimelineRepository timeline;
    private final AgentRegistry agents;
    private final ClusterBridge cluster;
    private final Duration grace;
    private final Clock clock;
    private final Redelivery redelivery;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loadlab-scheduler").daemon().factory());
    private final RunQueue queue;
    private final Map<UUID, ActiveRun> active = new HashMap<>();
    private final Map<UUID, LiveProgress> live = new ConcurrentHashMap<>();

    public RunScheduler(
            RunRepository repository,
            TimelineRepository timeline,
            AgentRegistry agents,
            ClusterBridge cluster,
            Duration grace,
            Duration placementTimeout,
            Clock clock) {
        this.repository = repository;
        this.timeline = timeline;
        this.agents = agents;
        this.cluster = cluster;
        this.grace = grace;
        this.queue = new RunQueue(placementTimeout);
        this.clock = clock;
        this.redelivery = new Redelivery(repository, clock);
    }

    /** Recovers from a previous process: runs it left RUNNING failed, runs it left QUEUED queued again. */
    public void start() {
        int failed = repository.failInterrupted(
                "the coordinator stopped while this run was running; its finished steps are kept", clock.instant());
        if (failed > 0) {
            LOG.warn("{} run(s) interrupted by a coordinator restart were marked FAILED", failed);
        }
        List<PendingRun> queued = repository.queued();
        thread.execute(() -> {
            queued.forEach(queue::add);
            dispatch();
        });
        thread.scheduleAtFixedRate(this::dispatch, 1, 1, TimeUnit.SECONDS);
        cluster.listen(this::onMessage, this::onMemberRemoved);
    }

    /** Stores the run as QUEUED (so a failure here writes nothing) and queues it. */
    public UUID submit(Scenario scenario, Integer scenarioVersion, Map<String, String> labels) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        repository.insertRun(id, scenario, scenarioVersion, labels, now);
        queue.announce(id);
        thread.execute(() -> {
            queue.add(new PendingRun(id, scenario, now));
            dispatch();
        });
        return id;
    }

    /** Cancels a queued run at once, or stops a running one (its agents within about a second). */
    public CancelOutcome cancel(UUID runId) {
        CompletableFuture<CancelOutcome> outcome = new CompletableFuture<>();
        thread.execute(() -> outcome.complete(cancelNow(runId)));
        return outcome.join();
    }

    public Optional<LiveProgress> progress(UUID runId) {
        return Optional.ofNullable(live.get(runId));
    }

    /** Why a queued run is still waiting, if it is. */
    public Optional<String> queueReason(UUID runId) {
        return queue.reason(runId);
    }

    private CancelOutcome cancelNow(UUID runId) {
        if (queue.remove(runId)) {
            repository.finishRun(runId, RunStatus.CANCELLED, clock.instant(), "cancelled before it started");
            dispatch();
            return CancelOutcome.CANCELLED;
        }
        ActiveRun run = active.get(runId);
        if (run == null) {
            return CancelOutcome.ALREADY_FINAL;
        }
        run.cancelling = true;
        ActiveStep step = run.step;
        if (step != null) {
            step.cancelled = true;
            step.assignments.keySet().stream()
                    .filter(step::awaits)
                    .forEach(agentId -> send(agentId, new Cancel(runId.toString(), step.index, step.probe)));
        }
        return CancelOutcome.CANCELLING;
    }

    private void onMessage(ToCoordinator message) {
        thread.execute(() -> {
            switch (message) {
                case Hello hello -> onHello(hello);
                case Ready ready -> onReady(ready);
                case Interval interval -> onInterval(interval);
                case StepResult result -> onResult(result);
            }
        });
    }

    private void onMemberRemoved(String memberUuid) {
        thread.execute(() -> {
            cluster.forget(memberUuid);
            agents.removeMember(memberUuid).ifPresent(this::onAgentLost);
        });
    }

    private void onAgentLost(String agentId) {
        LOG.warn("agent {} left the cluster", agentId);
        for (ActiveRun run : List.copyOf(active.values())) {
            run.agents.remove(agentId);
            ActiveStep step = run.step;
            if (step == null || !step.awaits(agentId)) {
                continue;
            }
            step.lost.add(agentId);
            if (step.timeline != null) {
                step.timeline.agentGone(agentId);
            }
            if (run.scenario.onAgentLoss() == OnAgentLoss.ABORT && !step.aborted) {
                step.aborted = true;
                step.assignments.keySet().stream()
                        .filter(step::awaits)
                        .forEach(other -> send(other, new Cancel(run.id.toString(), step.index, step.probe)));
            }
            maybeStart(run);
            completeIfDone(run);
        }
    }

    private void onHello(Hello hello) {
        Optional<String> refusal = agents.register(hello.agent(), clock.instant());
        if (refusal.isPresent()) {
            LOG.warn("refused agent {}: {}", hello.agent().id(), refusal.get());
            cluster.send(hello.agent().memberUuid(), new Refused(ProtocolVersion.CURRENT, refusal.get()));
            return;
        }
        LOG.info(
                "agent {} registered from {} ({} cores)",
                hello.agent().id(),
                hello.agent().host(),
                hello.agent().cores());
        cluster.send(hello.agent().memberUuid(), new Welcome(ProtocolVersion.CURRENT));
        dispatch();
    }

    private void onReady(Ready ready) {
        ActiveRun run = active.get(UUID.fromString(ready.runId()));
        ActiveStep step = run == null ? null : run.step;
        if (step != null && step.is(ready.stepIndex(), ready.probe()) && step.awaits(ready.agentId())) {
            step.ready.add(ready.agentId());
            maybeStart(run);
        }
    }

    private void onInterval(Interval interval) {
        ActiveRun run = active.get(UUID.fromString(interval.runId()));
        ActiveStep step = run == null ? null : run.step;
        if (step != null && step.is(interval.stepIndex(), interval.probe()) && step.timeline != null) {
            step.onInterval(interval);
            step.timeline.add(interval);
            live.put(step.runId, step.live());
        }
    }

    private void onResult(StepResult result) {
        ActiveRun run = active.get(UUID.fromString(result.runId()));
        ActiveStep step = run == null ? null : run.step;
        boolean awaited = step != null && step.is(result.stepIndex(), result.probe()) && step.awaits(result.agentId());
        try {
            if (!awaited) {
                // A re-delivery (say, after a coordinator restart): stored once, merged again, acknowledged.
                redelivery.accept(result);
            } else if (!repository.storeAgentResult(result, clock.instant())) {
                LOG.info(
                        "run {} step {}: agent {} delivered its result again",
                        result.runId(),
                        result.stepIndex(),
                        result.agentId());
            }
        } catch (DatabaseException e) {
            // Not acknowledged: the agent keeps its result and sends it again.
            LOG.error(
                    "cannot store the result of agent {} for run {} step {}; awaiting its re-delivery",
                    result.agentId(),
                    result.runId(),
                    result.stepIndex(),
                    e);
            return;
        }
        send(result.agentId(), new ResultAck(result.runId(), result.stepIndex(), result.probe()));
        if (awaited) {
            step.results.put(result.agentId(), result);
            if (!step.started && !step.aborted) {
                // An agent could not even prepare: the step cannot be what was asked, so stop the others.
                step.aborted = true;
                step.assignments.keySet().stream()
                        .filter(step::awaits)
                        .forEach(other -> send(other, new Cancel(run.id.toString(), step.index, step.probe)));
            }
            if (step.timeline != null) {
                step.timeline.agentGone(result.agentId());
            }
            completeIfDone(run);
        }
    }

    /** Places queued runs on idle agents in submission order; explains and times out the ones that must wait. */
    private void dispatch() {
        queue.expired(clock.instant(), agentSummary()).forEach((run, reason) -> failQueued(run.id(), reason));
        while (true) {
            List<String> idle = agents.idle();
            Optional<PendingRun> next = queue.next(idle.size(), agentSummary());
            if (next.isEmpty()) {
                return;
            }
            startRun(next.get(), idle.subList(0, next.get().scenario().agents()));
        }
    }

    private String agentSummary() {
        return agents.idle().size() + " idle of " + agents.list().size() + " registered";
    }

    private void failQueued(UUID id, String reason) {
        try {
            repository.finishRun(id, RunStatus.FAILED, clock.instant(), reason);
            LOG.warn("run {} failed: {}", id, reason);
        } catch (DatabaseException e) {
            LOG.error("cannot fail run {}: {}", id, reason, e);
        }
    }

    private void startRun(PendingRun pending, List<String> chosen) {
        try {
            repository.markRunning(pending.id(), clock.instant());
        } catch (DatabaseException e) {
            LOG.error("cannot mark run {} running; it stays queued", pending.id(), e);
            queue.putBack(pending);
            return;
        }
        Scenario scenario = pending.scenario();
        TargetControlClient control = scenario.target().control() == null
                ? null
                : new TargetControlClient(scenario.target().control(), clock);
        ActiveRun run = new ActiveRun(pending.id(), scenario, chosen, control);
        chosen.forEach(agents::markBusy);
        active.put(run.id, run);
        LOG.info("run {} started on {}: {} step(s)", run.id, chosen, run.plans.size());
        nextStep(run);
    }

    /** Switches the target if the plan says so (off this thread), then prepares the step. */
    private void nextStep(ActiveRun run) {
        StepPlan plan = run.plans.get(run.next++);
        Instant startedAt = clock.instant();
        if (!plan.switchesTarget()) {
            prepareStep(run, plan, startedAt);
            return;
        }
        live.put(run.id, new LiveProgress(plan.index(), null, null, true, 0, 0, 0, 0));
        Thread.ofVirtual().name("loadlab-target-switch").start(() -> {
            try {
                run.control.switchTo(plan.profile(), plan.workers());
                thread.execute(() -> prepareStep(run, plan, startedAt));
            } catch (TargetControlException e) {
                thread.execute(() -> store(
                        run, ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), e.getMessage(), false)));
            }
        });
    }

    private void prepareStep(ActiveRun run, StepPlan plan, Instant startedAt) {
        if (run.cancelling) {
            store(run, ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), "cancelled", true));
            return;
        }
        if (run.agents.isEmpty()) {
            store(
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
                    run.id.toString(),
                    step.index,
                    step.probe,
                    scenario,
                    run.agents.size(),
                    LoadSplit.usersOrNull(scenario.load(), run.agents.size(), i),
                    LoadSplit.rateOrNull(scenario.load(), run.agents.size()));
            step.assignments.put(agentId, assignment);
            send(agentId, assignment);
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
                .forEach(agentId -> send(agentId, new Start(run.id.toString(), step.index, step.probe, startAt)));
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
                send(agentId, new Cancel(run.id.toString(), step.index, step.probe));
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
                : TargetUsage.of(step.sampler.stop(), merged.measuredFrom(), merged.measuredTo())
                        .orElse(null);
        run.step = null;
        if (run.search != null) {
            onProbeDone(run, step, merged.with(step.plan, usage));
        } else {
            store(run, merged.with(step.plan, usage));
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
            } catch (DatabaseException e) {
                // The step's row carries every probe too; they are written again with it.
                LOG.error("cannot store run {} step {} probe {} yet", run.id, step.index, probe.number(), e);
            }
        }
        if (next.finished() == null) {
            prepareStep(run, step.plan, clock.instant());
            return;
        }
        run.search = null;
        store(run, next.finished());
    }

    private void storeSecond(ActiveStep step, IntervalMerger.Merged merged) {
        try {
            timeline.insert(step.runId, step.index, merged.point(), merged.histogram());
        } catch (DatabaseException e) {
            // The step's final result does not depend on it; the timeline has a gap, which the log records.
            LOG.error("cannot store second {} of run {} step {}", merged.point().second(), step.runId, step.index, e);
        }
    }

    private void store(ActiveRun run, StepRecord record) {
        boolean last = record.status() == StepStatus.FAILED
                || record.status() == StepStatus.CANCELLED
                || run.cancelling
                || !run.hasNext();
        RunStatus runStatus = !last
                ? null
                : run.cancelling || record.status() == StepStatus.CANCELLED
                        ? RunStatus.CANCELLED
                        : record.status() == StepStatus.FAILED ? RunStatus.FAILED : RunStatus.SUCCEEDED;
        try {
            repository.storeStep(record, runStatus, clock.instant());
        } catch (DatabaseException e) {
            // The agents' own results are already stored; only the merged step waits for the database to come back.
            LOG.error("cannot store run {} step {}; retrying in {}", run.id, record.index(), STORE_RETRY, e);
            thread.schedule(() -> store(run, record), STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        LOG.info(
                "run {} step {} stored: {}, {} requests, {} errors, {} req/s",
                run.id,
                record.index(),
                record.status(),
                record.requests(),
                record.errors(),
                record.throughputRps());
        if (!last) {
            nextStep(run);
            return;
        }
        active.remove(run.id);
        live.remove(run.id);
        run.agents.forEach(agents::markIdle);
        dispatch();
    }

    private void send(String agentId, ToAgent message) {
        agents.memberOf(agentId)
                .ifPresentOrElse(
                        member -> cluster.send(member, message),
                        () -> LOG.warn(
                                "cannot send {} to agent {}: it is no longer registered",
                                message.getClass().getSimpleName(),
                                agentId));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
