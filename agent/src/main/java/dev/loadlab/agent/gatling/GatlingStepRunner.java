package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Progress;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.RequestSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step assignment with Gatling in-process and returns what was measured: per request name, counts, errors by
 * kind and an HdrHistogram of response times in whole milliseconds (Gatling's resolution).
 *
 * <p>Thread-safety: safe to share. Gatling finds its simulation by class name, so only one step runs per JVM at a time;
 * a {@link #run} call made while another is running, on this runner or any other, is refused at once with a failed
 * {@link StepResult}. {@link #stop} may be called from any thread.
 */
public final class GatlingStepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(GatlingStepRunner.class);
    // JVM-wide, not per instance: the simulation holder and Gatling's own globals are JVM-wide.
    private static final ReentrantLock ONE_RUN_PER_JVM = new ReentrantLock();

    private final Path workDir;
    private final AtomicReference<RunContext> running = new AtomicReference<>();

    /** {@code workDir} holds Gatling's results folder ({@code gatling-results}); it is created when needed. */
    public GatlingStepRunner(Path workDir) {
        this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * Blocking: runs the step for its warm-up plus duration. Never throws for a load problem: an unreachable target, a
     * Gatling crash or an assignment this agent cannot run give a result whose {@code failure} says what went wrong,
     * with whatever was measured. {@code progress} is called about once a second from a scheduler thread.
     */
    public StepResult run(Assignment assignment, String agentId, Consumer<Progress> progress) {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(progress, "progress");
        if (!ONE_RUN_PER_JVM.tryLock()) {
            return failed(assignment, agentId, "another step is already running in this agent; it runs one at a time");
        }
        try {
            return runAlone(assignment, agentId, progress);
        } finally {
            ONE_RUN_PER_JVM.unlock();
        }
    }

    /**
     * Asks the running step, if any, to end soon: closed-model users finish the request they are in and leave; open
     * model arrivals stop Gatling. What was measured until then is what {@link #run} returns; requests cut off are
     * left out. Best effort, never blocks.
     */
    public void stop() {
        RunContext run = running.get();
        if (run != null) {
            run.requestStop();
        }
    }

    private StepResult runAlone(Assignment assignment, String agentId, Consumer<Progress> progress) {
        StepPlan plan;
        try {
            plan = StepPlan.from(assignment);
        } catch (IllegalArgumentException e) {
            return failed(assignment, agentId, "cannot run this assignment: " + e.getMessage());
        }
        Path resultsDir = workDir.resolve("gatling-results");
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            return failed(assignment, agentId, "cannot create Gatling's results folder " + resultsDir + ": " + e);
        }
        List<String> names = plan.requests().stream().map(RequestSpec::name).toList();
        RunContext run = new RunContext(plan, new StepRecorder(names, plan.warmup(), System::currentTimeMillis));
        Instant launched = Instant.now();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "loadlab-progress");
            thread.setDaemon(true);
            return thread;
        });
        String crash;
        RunContext.install(run);
        running.set(run);
        try {
            ticker.scheduleAtFixedRate(() -> report(assignment, agentId, run, progress), 1, 1, TimeUnit.SECONDS);
            LOG.info(
                    "step {}#{}: {} model, {} for {} after {} warm-up",
                    assignment.runId(),
                    assignment.stepIndex(),
                    plan.model().wireName(),
                    plan.users() > 0 ? plan.users() + " users" : plan.rate() + " arrivals/s",
                    plan.duration(),
                    plan.warmup());
            crash = GatlingLauncher.launch(StepSimulation.class, resultsDir);
        } finally {
            running.set(null);
            RunContext.uninstall(run);
            ticker.shutdownNow();
        }
        return result(assignment, agentId, run, crash, launched);
    }

    private static void report(Assignment assignment, String agentId, RunContext run, Consumer<Progress> progress) {
        StepRecorder.ProgressSnapshot now = run.recorder().progress();
        try {
            progress.accept(new Progress(
                    assignment.runId(),
                    assignment.stepIndex(),
                    agentId,
                    now.warmingUp(),
                    now.requests(),
                    now.errors(),
                    now.elapsedSeconds()));
        } catch (RuntimeException e) {
            // A failing listener must not cancel the schedule (an escaped exception would) nor touch the run.
            LOG.warn("progress listener failed: {}", e.toString());
        }
    }

    private static StepResult result(
            Assignment assignment, String agentId, RunContext run, String crash, Instant launched) {
        StepRecorder recorder = run.recorder();
        boolean stopped = run.stopRequested();
        String failure = crash;
        String baseUrl = run.plan().baseUrl();
        if (failure == null && recorder.noResponseAtAll()) {
            failure = "every request failed: " + TransportProbe.describe(baseUrl) + " to " + baseUrl + " ("
                    + recorder.sentTotal() + " requests sent, no HTTP response)";
        } else if (failure == null && !stopped && recorder.sentTotal() == 0) {
            failure = "no request was sent in " + run.plan().total() + " (arrival rate too low for the duration?)";
        }
        if (!stopped && recorder.unaccounted() > 0) {
            LOG.warn("{} requests were sent but never completed; counted as transport errors", recorder.unaccounted());
        }
        // Before the first request there is no step clock: fall back to when Gatling was launched.
        Instant from = recorder.measuredFrom() != null ? recorder.measuredFrom() : launched;
        Instant to = recorder.measuredTo() != null ? recorder.measuredTo() : from;
        if (failure != null) {
            LOG.warn("step {}#{} failed: {}", assignment.runId(), assignment.stepIndex(), failure);
        }
        return new StepResult(
                assignment.runId(),
                assignment.stepIndex(),
                agentId,
                failure,
                from,
                to,
                recorder.warmupRequests(),
                recorder.results(!stopped));
    }

    private static StepResult failed(Assignment assignment, String agentId, String failure) {
        Instant now = Instant.now();
        return new StepResult(assignment.runId(), assignment.stepIndex(), agentId, failure, now, now, 0, List.of());
    }
}
