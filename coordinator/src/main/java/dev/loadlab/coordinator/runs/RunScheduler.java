package dev.loadlab.coordinator.runs;

import dev.loadlab.cluster.CoordinatorEndpoint;
import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.model.CancelOutcome;
import dev.loadlab.coordinator.model.LiveProgress;
import dev.loadlab.coordinator.model.PendingRun;
import dev.loadlab.coordinator.model.RunJournal;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.StepInputs;
import dev.loadlab.coordinator.model.StepJournal;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.coordinator.targetcontrol.TargetControlClient;
import dev.loadlab.coordinator.targetcontrol.TargetControlException;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.target.TargetAllowlist;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run state machine. Runs wait in submission order (with a visible reason, failing after the placement timeout);
 * the head run starts when enough agents are idle and keeps them until its last step. Before each step it switches
 * the target when the plan says so (off this thread); a {@link StepDriver} then runs the step on the agents. It stores
 * each agent's final result before acknowledging it, stores each merged step, and moves to the next step or ends the
 * run. All state changes happen on one scheduler thread, so none of it needs locks; {@link #progress} and
 * {@link #queueReason} are readable from any thread. Thread-safe.
 */
public final class RunScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);

    private final RunJournal runs;
    private final StepJournal journal;
    private final AgentRegistry agents;
    private final CoordinatorEndpoint cluster;
    private final Clock clock;
    private final Redelivery redelivery;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loadlab-scheduler").daemon().factory());
    private final RunQueue queue;
    private final Map<UUID, ActiveRun> active = new HashMap<>();
    private final Outbox outbox;
    private final StepDriver steps;
    private final RunObserver observer;
    private final TargetAllowlist allowlist;

    /**
     * Tells {@code observer} how runs go (the coordinator's metrics) and checks each step's target against {@code
     * allowlist} before anything is sent (a saved or queued scenario may outlive a changed allowlist).
     */
    public RunScheduler(
            RunJournal runs,
            StepJournal journal,
            AgentRegistry agents,
            CoordinatorEndpoint cluster,
            Duration grace,
            Duration placementTimeout,
            Clock clock,
            StepInputs inputs,
            RunObserver observer,
            TargetAllowlist allowlist) {
        this.runs = runs;
        this.allowlist = allowlist;
        this.observer = GuardedObserver.of(observer);
        this.journal = journal;
        this.agents = agents;
        this.cluster = cluster;
        this.queue = new RunQueue(placementTimeout);
        this.clock = clock;
        this.redelivery = new Redelivery(runs, journal, clock);
        this.outbox = new Outbox(agents, cluster);
        this.steps = new StepDriver(journal, cluster, outbox, clock, grace, inputs, this.observer);
    }

    /** Recovers from a previous process: runs it left RUNNING failed, runs it left QUEUED queued again. */
    public void start() {
        InterruptedSearches.conclude(runs, journal, clock.instant());
        int failed = runs.failInterrupted(
                "the coordinator stopped while this run was running; its finished steps are kept", clock.instant());
        if (failed > 0) {
            LOG.warn("{} run(s) interrupted by a coordinator restart were marked FAILED", failed);
        }
        List<PendingRun> queued = runs.queued();
        thread.execute(() -> {
            queued.forEach(queue::add);
            dispatch();
        });
        thread.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        cluster.listen(this::onMessage, this::onMemberRemoved);
    }

    /** Stores the run as QUEUED (so a failure here writes nothing) and queues it. */
    public UUID submit(Scenario scenario, Integer scenarioVersion, Map<String, String> labels) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        runs.insertRun(id, scenario, scenarioVersion, labels, now);
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
        return steps.progress(runId);
    }

    /** How many runs wait in the queue; from any thread. */
    public int queueLength() {
        return queue.size();
    }

    /** Why a queued run is still waiting, if it is. */
    public Optional<String> queueReason(UUID runId) {
        return queue.reason(runId);
    }

    private CancelOutcome cancelNow(UUID runId) {
        if (queue.remove(runId)) {
            runs.finishRun(runId, RunStatus.CANCELLED, clock.instant(), "cancelled before it started");
            dispatch();
            return CancelOutcome.CANCELLED;
        }
        ActiveRun run = active.get(runId);
        if (run == null) {
            return CancelOutcome.ALREADY_FINAL;
        }
        run.cancelling = true;
        steps.cancel(run);
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
            steps.onAgentLost(run, agentId).ifPresent(record -> store(run, record));
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
        ActiveRun run = active.get(ready.runId());
        if (run != null) {
            steps.onReady(run, ready);
        }
    }

    private void onInterval(Interval interval) {
        ActiveRun run = active.get(interval.runId());
        if (run != null) {
            steps.onInterval(run, interval);
        }
    }

    private void onResult(StepResult result) {
        ActiveRun run = active.get(result.runId());
        boolean awaited = StepDriver.awaits(run, result);
        try {
            if (!StepDriver.inFlight(run, result)) {
                // A re-delivery (say, after a coordinator restart): stored once, merged again, acknowledged.
                redelivery.accept(result);
            } else if (!journal.storeAgentResult(result, clock.instant())) {
                // Its step is still in flight: an agent whose acknowledgement had not reached it sent the result
                // again. Merging here would store the step early, from the agents heard so far, and the step's own
                // conclusion would then find it stored (a duplicate key, retried for ever): RampIT caught that once.
                LOG.info(
                        "run {} step {}: agent {} delivered its result again",
                        result.runId(),
                        result.stepIndex(),
                        result.agentId());
            }
        } catch (StorageException e) {
            // Not acknowledged: the agent keeps its result and sends it again.
            observer.storageFailed("store an agent's result");
            LOG.error(
                    "cannot store the result of agent {} for run {} step {}; awaiting its re-delivery",
                    result.agentId(),
                    result.runId(),
                    result.stepIndex(),
                    e);
            return;
        }
        outbox.send(result.agentId(), new ResultAck(result.runId(), result.stepIndex(), result.probe()));
        if (awaited) {
            steps.onResult(run, result).ifPresent(record -> store(run, record));
        }
    }

    /** Once a second: each step in flight past its deadline is concluded, then queued runs are placed. */
    private void tick() {
        for (ActiveRun run : List.copyOf(active.values())) {
            steps.onTick(run, clock.instant()).ifPresent(record -> store(run, record));
        }
        dispatch();
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
            runs.finishRun(id, RunStatus.FAILED, clock.instant(), reason);
            LOG.warn("run {} failed: {}", id, reason);
        } catch (StorageException e) {
            observer.storageFailed("fail a queued run");
            LOG.error("cannot fail run {}: {}", id, reason, e);
        }
    }

    private void startRun(PendingRun pending, List<String> chosen) {
        try {
            runs.markRunning(pending.id(), clock.instant());
        } catch (StorageException e) {
            observer.storageFailed("mark a run running");
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
        List<FieldError> refused = TargetChecks.refusals(allowlist, run.scenario);
        if (!refused.isEmpty()) {
            String reason = "not started, nothing was sent: the target is no longer allowed: "
                    + refused.stream().map(FieldError::toString).collect(Collectors.joining("; "));
            LOG.warn("run {} {} {}", run.id, plan, reason);
            store(run, ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), reason, false));
            return;
        }
        if (!plan.switchesTarget()) {
            steps.prepare(run, plan, startedAt).ifPresent(record -> store(run, record));
            return;
        }
        steps.switchingTarget(run.id, plan);
        Thread.ofVirtual().name("loadlab-target-switch").start(() -> {
            try {
                run.control.switchTo(plan.profile(), plan.workers());
                thread.execute(() -> steps.prepare(run, plan, startedAt).ifPresent(record -> store(run, record)));
            } catch (TargetControlException e) {
                thread.execute(() -> store(
                        run, ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), e.getMessage(), false)));
            }
        });
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
            journal.storeStep(record, runStatus, clock.instant());
        } catch (StorageException e) {
            // The agents' own results are already stored; only the merged step waits for the database to come back.
            observer.storageFailed("store a step");
            LOG.error("cannot store run {} step {}; retrying in {}", run.id, record.index(), STORE_RETRY, e);
            thread.schedule(() -> store(run, record), STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        observer.stepStored(record);
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
        steps.forget(run.id);
        observer.runEnded(run.id);
        run.agents.forEach(agents::markIdle);
        dispatch();
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
