package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step assignment with Gatling in-process and returns what was measured: per request name, counts, errors by
 * kind and an HdrHistogram of response times in whole milliseconds (Gatling's resolution).
 *
 * <p>A step goes: {@link #run} prepares it (plan, recorder, Gatling started and the simulation built) and says
 * {@link Ready}; {@link #start} fixes when the first requests leave, in cluster time; while it runs, one {@link
 * dev.loadlab.protocol.message.Interval} per second goes to the same listener; {@link #cancel} ends it early. Without
 * a start within the start timeout of Ready, the step is abandoned with a failure.
 *
 * <p>Thread-safety: safe to share. Gatling finds its simulation by class name, so only one step runs per JVM at a time;
 * a {@link #run} call made while another is running, on this runner or any other, is refused at once with a failed
 * {@link StepResult}. {@link #start}, {@link #cancel} and {@link #stop} may be called from any thread.
 */
public final class GatlingStepRunner {
    /** How long a prepared step waits for its start before it is abandoned. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(GatlingStepRunner.class);
    // JVM-wide, not per instance: the simulation holder and Gatling's own globals are JVM-wide.
    private static final ReentrantLock ONE_RUN_PER_JVM = new ReentrantLock();

    private final Path workDir;
    private final Duration startTimeout;
    private final AtomicReference<RunContext> running = new AtomicReference<>();
    private final AtomicReference<StepKey> pendingCancel = new AtomicReference<>();

    /** {@code workDir} holds Gatling's results folder ({@code gatling-results}); it is created when needed. */
    public GatlingStepRunner(Path workDir) {
        this(workDir, START_TIMEOUT);
    }

    public GatlingStepRunner(Path workDir, Duration startTimeout) {
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be > 0, was " + startTimeout);
        }
    }

    /**
     * Blocking: prepares the step, sends {@link Ready} to {@code events} once Gatling is about to send, waits for
     * {@link #start} (or {@link #cancel}, or the start timeout), runs the step for its warm-up plus duration from the
     * agreed start, sending one {@link dev.loadlab.protocol.message.Interval} per second to {@code events}, and returns
     * the result, whose measured figures are exactly the sum of the intervals' measured seconds. {@code
     * clusterClockMs} is the cluster's clock, in which start times are given. Never throws for a load problem: an
     * unreachable target, a Gatling crash or an assignment this agent cannot run give a result whose {@code failure}
     * says what went wrong, with whatever was measured. {@code events} is called from Gatling's and a ticker thread.
     */
    public StepResult run(
            Assignment assignment, String agentId, LongSupplier clusterClockMs, Consumer<ToCoordinator> events) {
        return run(assignment, agentId, clusterClockMs, events, Map.of());
    }

    /**
     * As above, with {@code pinnedHosts}: host name to the addresses it resolved to when the agent checked it against
     * its allowlist. Gatling connects to those addresses, not to what the name resolves to later, so a name that
     * changes its answer during the step cannot move the load elsewhere.
     */
    public StepResult run(
            Assignment assignment,
            String agentId,
            LongSupplier clusterClockMs,
            Consumer<ToCoordinator> events,
            Map<String, List<String>> pinnedHosts) {
        Objects.requireNonNull(pinnedHosts, "pinnedHosts");
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(clusterClockMs, "clusterClockMs");
        Objects.requireNonNull(events, "events");
        if (!ONE_RUN_PER_JVM.tryLock()) {
            return failed(assignment, agentId, "another step is already running in this agent; it runs one at a time");
        }
        try {
            return runAlone(assignment, agentId, clusterClockMs, events, pinnedHosts);
        } finally {
            ONE_RUN_PER_JVM.unlock();
        }
    }

    /**
     * Starts the prepared step at {@code startAtClusterMs} (cluster time). False, and nothing happens, when that step
     * is not prepared and waiting here (unknown, not ready yet, started already, cancelled, timed out).
     */
    public boolean start(StepKey step, long startAtClusterMs) {
        RunContext run = running.get();
        return run != null && run.isStep(step) && run.start(startAtClusterMs);
    }

    /**
     * Cancels that step: before its start it is abandoned at once; while it runs, closed-model users finish the request
     * they are in and leave, open-model arrivals stop. {@link #run} then returns what was measured, marked cancelled. A
     * cancel for a step whose {@link #run} has not begun yet is kept for it. Never blocks.
     */
    public void cancel(StepKey step) {
        pendingCancel.set(step);
        RunContext run = running.get();
        if (run != null && run.isStep(step)) {
            run.cancel();
        }
    }

    /**
     * Runs Gatling once, for about half a second, against a throwaway HTTP server of its own on the loopback
     * interface (never a target), so that the first real step does not spend Gatling's cold start between its Ready
     * and its start. Blocking, about a second or two; call it before taking assignments. True when it went well; a
     * failure is logged and harmless.
     */
    public boolean warmUp() {
        long began = System.nanoTime();
        String failure = GatlingWarmUp.run(this);
        if (failure != null) {
            LOG.warn("Gatling warm-up failed (the first step may start late): {}", failure);
            return false;
        }
        LOG.info("Gatling warmed up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return true;
    }

    /** Cancels whatever step is prepared or running (the agent is shutting down). Never blocks. */
    public void stop() {
        RunContext run = running.get();
        if (run != null) {
            run.cancel();
        }
    }

    private StepResult runAlone(
            Assignment assignment,
            String agentId,
            LongSupplier clusterClockMs,
            Consumer<ToCoordinator> events,
            Map<String, List<String>> pinnedHosts) {
        AgentWork plan;
        try {
            plan = AgentWork.from(assignment);
        } catch (IllegalArgumentException e) {
            return failed(assignment, agentId, "cannot run this assignment: " + e.getMessage());
        }
        Path resultsDir = workDir.resolve("gatling-results");
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            return failed(assignment, agentId, "cannot create Gatling's results folder " + resultsDir + ": " + e);
        }
        StepKey step = assignment.key();
        List<String> names = plan.requests().stream().map(RequestSpec::name).toList();
        RunContext run = new RunContext(
                step,
                plan,
                new StepRecorder(
                        names,
                        plan.warmup(),
                        System::currentTimeMillis,
                        plan.staged() ? plan.profile().startsMs() : null),
                clusterClockMs,
                startTimeout,
                () -> events.accept(new Ready(step.runId(), step.stepIndex(), step.probe(), agentId)),
                pinnedHosts);
        IntervalTicker ticker = new IntervalTicker(run, agentId, events::accept);
        Instant launched = Instant.now();
        String crash;
        RunContext.install(run);
        running.set(run);
        try {
            // After publishing the run, so that a cancel racing with this call is seen by one side or the other.
            if (pendingCancel.compareAndSet(step, null)) {
                run.cancel();
            }
            ticker.start();
            LOG.info(
                    "step {}: {} model, {} for {} after {} warm-up",
                    step,
                    plan.model().wireName(),
                    plan.model() == LoadModel.CLOSED
                            ? plan.users() + (plan.staged() ? " users at the peak" : " users")
                            : plan.rate() + (plan.staged() ? " arrivals/s at the peak" : " arrivals/s"),
                    plan.duration(),
                    plan.warmup());
            crash = launch(plan, resultsDir);
        } finally {
            running.set(null);
            RunContext.uninstall(run);
        }
        pendingCancel.compareAndSet(step, null);
        boolean started = run.phase() == RunContext.Phase.STARTED;
        boolean stopped = run.stopRequested();
        ticker.finish(started && !stopped);
        run.flows().finish();
        if (started) {
            long setup = run.setupNanos();
            if (setup >= 0) {
                StepSimulation.SETUP_ESTIMATE_NANOS.set(setup);
            }
            LOG.info(
                    "step {}: start skew {} ms, Gatling set-up {} ms",
                    step,
                    run.startSkewMs(),
                    TimeUnit.NANOSECONDS.toMillis(setup));
        }
        return result(assignment, agentId, run, ticker, crash, launched);
    }

    /** Gatling with this run's certificate checks; the trust store written for it, if any, is deleted after it. */
    private static String launch(AgentWork plan, Path resultsDir) {
        TargetTrust trust;
        try {
            trust = TargetTrust.of(plan.tls(), resultsDir);
        } catch (IOException | IllegalArgumentException e) {
            return "cannot set up the target's certificate checks: " + e.getMessage();
        }
        try {
            return GatlingLauncher.launch(StepSimulation.class, resultsDir, trust.properties());
        } finally {
            try {
                trust.close();
            } catch (IOException e) {
                LOG.warn("could not delete this run's trust store: {}", e.toString());
            }
        }
    }

    private StepResult result(
            Assignment assignment,
            String agentId,
            RunContext run,
            IntervalTicker ticker,
            String crash,
            Instant launched) {
        StepRecorder recorder = run.recorder();
        boolean stopped = run.stopRequested();
        String failure =
                switch (run.phase()) {
                    case STARTED -> crash;
                    case CANCELLED -> null;
                    case TIMED_OUT ->
                        "no start arrived within " + startTimeout.toSeconds() + " s of ready; the step was abandoned";
                    case PREPARING, WAITING -> crash != null ? crash : "Gatling ended before the step could start";
                };
        String baseUrl = run.plan().baseUrl();
        if (failure == null && recorder.noResponseAtAll()) {
            failure = "every request failed: "
                    + TransportProbe.describe(baseUrl, run.plan().tls()) + " to " + baseUrl + " ("
                    + recorder.sentTotal() + " requests sent, no HTTP response)";
        } else if (failure == null && !stopped && recorder.sentTotal() == 0 && !idle(run)) {
            failure = "no request was sent in " + run.plan().total() + " (arrival rate too low for the duration?)";
        }
        // Before the start there is no step clock: fall back to when Gatling was launched.
        Instant from = recorder.measuredFrom() != null ? recorder.measuredFrom() : launched;
        Instant to = recorder.measuredTo() != null ? recorder.measuredTo() : from;
        if (failure != null) {
            LOG.warn("step {} failed: {}", assignment.key(), failure);
        }
        return new StepResult(
                assignment.runId(),
                assignment.stepIndex(),
                assignment.probe(),
                agentId,
                failure,
                from,
                to,
                recorder.warmupRequests(),
                recorder.results(),
                run.startSkewMs(),
                ticker.cpuShare(),
                ticker.behindSchedule(),
                run.cancelled(),
                recorder.failureMessages(),
                run.plan().hasFlows() ? run.flows().results() : List.of(),
                recorder.stageResults(),
                ticker.machineCpuShare(),
                CpuMeter.cores());
    }

    /**
     * Sending nothing was right, not a failure: a staged plan whose share for this agent is zero throughout, or a
     * dataset with no row left for this agent (the failure messages say so).
     */
    private static boolean idle(RunContext run) {
        AgentWork plan = run.plan();
        return plan.staged() && plan.profile().peak() == 0
                || run.feeder() != null && run.feeder().ranOut();
    }

    private static StepResult failed(Assignment assignment, String agentId, String failure) {
        return StepResult.notRun(
                assignment.runId(), assignment.stepIndex(), assignment.probe(), agentId, failure, Instant.now());
    }
}
