package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.cluster.AgentRegistry;
import dev.loadlab.coordinator.cluster.ClusterBridge;
import dev.loadlab.coordinator.db.DatabaseException;
import dev.loadlab.coordinator.db.RunRepository;
import dev.loadlab.coordinator.db.RunRepository.PendingRun;
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
 * The run state machine. Runs wait in submission order; the head run starts when enough agents are idle; each agent
 * gets its share of the load; the step completes when every agent has reported, left, or missed the deadline; the
 * merged result is stored, and only then are the agents acknowledged. All state changes happen on one scheduler
 * thread, so none of it needs locks; {@link #progress} is readable from any thread. Thread-safe.
 */
public final class RunScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);

    private final RunRepository repository;
    private final AgentRegistry agents;
    private final ClusterBridge cluster;
    private final Duration grace;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loadlab-scheduler").daemon().factory());
    private final Deque<PendingRun> queue = new ArrayDeque<>();
    private final Map<UUID, ActiveStep> active = new HashMap<>();
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
        for (ActiveStep step : List.copyOf(active.values())) {
            if (step.awaits(agentId)) {
                step.missing.put(agentId, "left the cluster before reporting its result");
                completeIfDone(step);
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
        ActiveStep step = active.get(UUID.fromString(progress.runId()));
        if (step != null && step.index == progress.stepIndex() && step.awaits(progress.agentId())) {
            step.progress.put(progress.agentId(), progress);
            live.put(step.runId, step.live());
        }
    }

    private void onResult(StepResult result) {
        UUID runId = UUID.fromString(result.runId());
        ActiveStep step = active.get(runId);
        if (step == null || step.index != result.stepIndex() || !step.awaits(result.agentId())) {
            // Already stored (a re-delivery) or no longer expected: acknowledge so the agent can forget it.
            LOG.info(
                    "acknowledging a result that is not awaited: run {} step {} agent {}",
                    runId,
                    result.stepIndex(),
                    result.agentId());
            send(result.agentId(), new ResultAck(result.runId(), result.stepIndex()));
            return;
        }
        step.results.put(result.agentId(), result);
        completeIfDone(step);
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
            startStep(next, idle.subList(0, wanted));
        }
    }

    private void startStep(PendingRun run, List<String> chosen) {
        Instant now = clock.instant();
        try {
            repository.markRunning(run.id(), now);
        } catch (DatabaseException e) {
            LOG.error("cannot mark run {} running; it stays queued", run.id(), e);
            queue.addFirst(run);
            thread.schedule(this::dispatch, STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        ActiveStep step = new ActiveStep(run.id(), run.scenario(), 0, now);
        Scenario scenario = run.scenario();
        for (int i = 0; i < chosen.size(); i++) {
            String agentId = chosen.get(i);
            Assignment assignment = new Assignment(
                    run.id().toString(),
                    step.index,
                    scenario,
                    chosen.size(),
                    LoadSplit.usersOrNull(scenario.load(), chosen.size(), i),
                    LoadSplit.rateOrNull(scenario.load(), chosen.size()));
            step.assignments.put(agentId, assignment);
            agents.markBusy(agentId);
            send(agentId, assignment);
        }
        active.put(run.id(), step);
        live.put(run.id(), step.live());
        Duration limit =
                scenario.load().warmup().plus(scenario.load().duration()).plus(grace);
        step.deadline = thread.schedule(() -> onDeadline(step, limit), limit.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("run {} step {} started on {}", run.id(), step.index, chosen);
    }

    private void onDeadline(ActiveStep step, Duration limit) {
        if (active.get(step.runId) != step) {
            return;
        }
        for (String agentId : step.assignments.keySet()) {
            if (step.awaits(agentId)) {
                step.missing.put(agentId, "did not report a result within " + limit.toSeconds() + " s");
            }
        }
        completeIfDone(step);
    }

    private void completeIfDone(ActiveStep step) {
        if (!step.complete()) {
            return;
        }
        StepRecord record = ResultMerger.merge(
                step.runId,
                step.index,
                step.startedAt,
                clock.instant(),
                step.assignments,
                List.copyOf(step.results.values()),
                step.missing);
        store(step, record);
    }

    private void store(ActiveStep step, StepRecord record) {
        try {
            RunStatus status = record.status() == StepStatus.FAILED ? RunStatus.FAILED : RunStatus.SUCCEEDED;
            repository.storeFinalStep(record, status, clock.instant());
        } catch (DatabaseException e) {
            // Nothing is acknowledged before it is stored: the agents keep their results while we retry.
            LOG.error("cannot store run {} step {}; retrying in {}", step.runId, step.index, STORE_RETRY, e);
            thread.schedule(() -> store(step, record), STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (step.deadline != null) {
            step.deadline.cancel(false);
        }
        active.remove(step.runId);
        live.remove(step.runId);
        for (String agentId : step.results.keySet()) {
            send(agentId, new ResultAck(step.runId.toString(), step.index));
            agents.markIdle(agentId);
        }
        LOG.info(
                "run {} step {} stored: {} requests, {} errors, {} req/s",
                step.runId,
                step.index,
                record.requests(),
                record.errors(),
                record.throughputRps());
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
