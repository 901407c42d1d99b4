package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.cluster.AgentRegistry;
import dev.loadlab.coordinator.cluster.ClusterBridge;
import dev.loadlab.coordinator.db.DatabaseException;
import dev.loadlab.coordinator.db.RunRepository;
import dev.loadlab.coordinator.db.RunRepository.PendingRun;
import dev.loadlab.coordinator.target.TargetControlClient;
import dev.loadlab.coordinator.target.TargetControlException;
import dev.loadlab.coordinator.target.TargetSampler;
import dev.loadlab.coordinator.target.TargetUsage;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Progress;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run state machine. Runs wait in submission order; the head run starts when enough agents are idle and keeps
 * them until its last step. Before each step the target host is switched (off this thread) when the plan says so;
 * each agent gets its share of the load; the step completes when every agent has reported, left, or missed the
 * deadline; the merged result is stored, and only then are the agents acknowledged. All state changes happen on one
 * scheduler thread, so none of it needs locks; {@link #progress} is readable from any thread. Thread-safe.
 */
public final class RunScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final RunRepository repository;
    private final AgentRegistry agents;
    private final ClusterBridge cluster;
    private final Duration grace;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loadlab-scheduler").daemon().factory());
    private final Deque<PendingRun> queue = new ArrayDeque<>();
    private final Map<UUID, ActiveRun> active = new HashMap<>();
    private final Map<UUID, LiveProgress> live = new ConcurrentHashMap<>();

    public RunScheduler(
            RunRepository repository, AgentRegistry agents, ClusterBridge cluster, Duration grace, Clock clock) {
        this.repository = repository;
        this.agents = agents;
        this.cluster = cluster;
        this.grace = grace;
        this.clock = clock;
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
            queue.addAll(queued);
            dispatch();
        });
        cluster.listen(this::onMessage, this::onMemberRemoved);
    }

    /** Stores the run as QUEUED (so a failure here writes nothing) and queues it. */
    public UUID submit(Scenario scenario) {
        UUID id = UUID.randomUUID();
        repository.insertRun(id, scenario, clock.instant());
        thread.execute(() -> {
            queue.add(new PendingRun(id, scenario));
            dispatch();
        });
        return id;
    }

    public Optional<LiveProgress> progress(UUID runId) {
        return Optional.ofNullable(live.get(runId));
    }

    private void onMessage(ToCoordinator message) {
        thread.execute(() -> {
            switch (message) {
                case Hello hello -> onHello(hello);
                case Progress progress -> onProgress(progress);
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
            ActiveStep step = run.step;
            if (step != null && step.awaits(agentId)) {
                step.missing.put(agentId, "left the cluster before reporting its result");
                completeIfDone(run);
            }
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

    private void onProgress(Progress progress) {
        ActiveRun run = active.get(UUID.fromString(progress.runId()));
        ActiveStep step = run == null ? null : run.step;
        if (step != null && step.index == progress.stepIndex() && step.awaits(progress.agentId())) {
            step.progress.put(progress.agentId(), progress);
            live.put(step.runId, step.live());
        }
    }

    private void onResult(StepResult result) {
        ActiveRun run = active.get(UUID.fromString(result.runId()));
        ActiveStep step = run == null ? null : run.step;
        if (step == null || step.index != result.stepIndex() || !step.awaits(result.agentId())) {
            // Already stored (a re-delivery) or no longer expected: acknowledge so the agent can forget it.
            LOG.info(
                    "acknowledging a result that is not awaited: run {} step {} agent {}",
                    result.runId(),
                    result.stepIndex(),
                    result.agentId());
            send(result.agentId(), new ResultAck(result.runId(), result.stepIndex()));
            return;
        }
        step.results.put(result.agentId(), result);
        completeIfDone(run);
    }

    private void dispatch() {
        while (!queue.isEmpty()) {
            PendingRun next = queue.peek();
            List<String> idle = agents.idle();
            int wanted = next.scenario().agents();
            if (idle.size() < wanted) {
                return;
            }
            queue.poll();
            startRun(next, idle.subList(0, wanted));
        }
    }

    private void startRun(PendingRun pending, List<String> chosen) {
        try {
            repository.markRunning(pending.id(), clock.instant());
        } catch (DatabaseException e) {
            LOG.error("cannot mark run {} running; it stays queued", pending.id(), e);
            queue.addFirst(pending);
            thread.schedule(this::dispatch, STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Switches the target if the plan says so (off this thread), then launches the step. */
    private void nextStep(ActiveRun run) {
        StepPlan plan = run.plans.get(run.next++);
        Instant startedAt = clock.instant();
        if (!plan.switchesTarget()) {
            launchStep(run, plan, startedAt);
            return;
        }
        live.put(run.id, new LiveProgress(plan.index(), true, 0, 0, 0, 0));
        Thread.ofVirtual().name("loadlab-target-switch").start(() -> {
            try {
                run.control.switchTo(plan.profile(), plan.workers());
                thread.execute(() -> launchStep(run, plan, startedAt));
            } catch (TargetControlException e) {
                thread.execute(() ->
                        store(run, ResultMerger.notStarted(run.id, plan, startedAt, clock.instant(), e.getMessage())));
            }
        });
    }

    private void launchStep(ActiveRun run, StepPlan plan, Instant startedAt) {
        if (active.get(run.id) != run) {
            return;
        }
        TargetSampler sampler = run.control == null ? null : TargetSampler.start(run.control, SAMPLE_EVERY);
        ActiveStep step = new ActiveStep(run.id, run.scenario, plan, startedAt, sampler);
        run.step = step;
        for (int i = 0; i < run.agents.size(); i++) {
            String agentId = run.agents.get(i);
            Assignment assignment = new Assignment(
                    run.id.toString(),
                    step.index,
                    run.scenario,
                    run.agents.size(),
                    LoadSplit.usersOrNull(run.scenario.load(), run.agents.size(), i),
                    LoadSplit.rateOrNull(run.scenario.load(), run.agents.size()));
            step.assignments.put(agentId, assignment);
            send(agentId, assignment);
        }
        live.put(run.id, step.live());
        Duration limit = run.scenario
                .load()
                .warmup()
                .plus(run.scenario.load().duration())
                .plus(grace);
        step.deadline = thread.schedule(() -> onDeadline(run, step, limit), limit.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("run {} {} started", run.id, plan);
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
        if (step.deadline != null) {
            step.deadline.cancel(false);
        }
        StepRecord merged = ResultMerger.merge(
                step.runId,
                step.index,
                step.startedAt,
                clock.instant(),
                step.assignments,
                List.copyOf(step.results.values()),
                step.missing);
        TargetUsage usage = step.sampler == null
                ? null
                : TargetUsage.of(step.sampler.stop(), merged.measuredFrom(), merged.measuredTo())
                        .orElse(null);
        store(run, merged.with(step.plan, usage));
    }

    private void store(ActiveRun run, StepRecord record) {
        boolean last = record.status() == StepStatus.FAILED || !run.hasNext();
        RunStatus runStatus =
                !last ? null : record.status() == StepStatus.FAILED ? RunStatus.FAILED : RunStatus.SUCCEEDED;
        try {
            repository.storeStep(record, runStatus, clock.instant());
        } catch (DatabaseException e) {
            // Nothing is acknowledged before it is stored: the agents keep their results while we retry.
            LOG.error("cannot store run {} step {}; retrying in {}", run.id, record.index(), STORE_RETRY, e);
            thread.schedule(() -> store(run, record), STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        ActiveStep step = run.step;
        if (step != null && step.index == record.index()) {
            step.results.keySet().forEach(agentId -> send(agentId, new ResultAck(run.id.toString(), record.index())));
        }
        run.step = null;
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
