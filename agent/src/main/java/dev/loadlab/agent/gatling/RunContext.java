package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.StepKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The run Gatling is executing now, and the JVM-wide holder through which {@link StepSimulation} finds it: Gatling
 * instantiates simulations by class name with a no-arg constructor, so parameters cannot be passed any other way. Only
 * one run can be installed at a time.
 *
 * <p>A run goes PREPARING (Gatling starting) -> WAITING (simulation built, {@code onReady} called) -> STARTED (a start
 * time was agreed), or ends CANCELLED or TIMED_OUT before it started. Times are kept on {@link System#nanoTime}, so
 * the start is not moved by a wall-clock step. Thread-safe.
 */
final class RunContext {
    private static final AtomicReference<RunContext> CURRENT = new AtomicReference<>();
    private static final long NOT_YET = Long.MIN_VALUE;

    enum Phase {
        PREPARING,
        WAITING,
        STARTED,
        CANCELLED,
        TIMED_OUT
    }

    private final StepKey step;
    private final AgentWork plan;
    private final StepRecorder recorder;
    private final WeightedPicker picker;
    private final FlowRecorder flows;
    private final DatasetFeeder feeder;
    private final LongSupplier clusterClockMs;
    private final Duration startTimeout;
    private final Runnable onReady;
    /** Host name to the addresses the agent's allowlist check resolved it to; Gatling connects to those only. */
    private final Map<String, List<String>> pinnedHosts;

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.PREPARING);
    private final CountDownLatch decided = new CountDownLatch(1);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean stopClaimed = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicLong firstUserNanos = new AtomicLong(NOT_YET);
    private final AtomicLong firstSentNanos = new AtomicLong(NOT_YET);
    private final LongAdder arrivals = new LongAdder();
    private volatile long startNanos;
    private volatile long plannedNanos;
    private volatile long injectionDelayNanos;

    RunContext(
            StepKey step,
            AgentWork plan,
            StepRecorder recorder,
            LongSupplier clusterClockMs,
            Duration startTimeout,
            Runnable onReady,
            Map<String, List<String>> pinnedHosts) {
        this.pinnedHosts = Map.copyOf(pinnedHosts);
        this.step = step;
        this.plan = plan;
        this.recorder = recorder;
        this.clusterClockMs = clusterClockMs;
        this.startTimeout = startTimeout;
        this.onReady = onReady;
        this.picker = new WeightedPicker(plan.pickWeights());
        this.flows = new FlowRecorder(
                plan.flows().stream().map(FlowPlan::name).toList(),
                () -> {
                    Instant from = recorder.measuredFrom();
                    return from == null ? Long.MIN_VALUE : from.toEpochMilli();
                },
                System::currentTimeMillis);
        this.feeder = plan.dataset() == null ? null : new DatasetFeeder(plan.dataset(), plan.datasetStrategy());
    }

    boolean isStep(StepKey key) {
        return step.equals(key);
    }

    StepKey step() {
        return step;
    }

    Map<String, List<String>> pinnedHosts() {
        return pinnedHosts;
    }

    AgentWork plan() {
        return plan;
    }

    StepRecorder recorder() {
        return recorder;
    }

    WeightedPicker picker() {
        return picker;
    }

    /** Per-flow iteration results (empty for the simple form). */
    FlowRecorder flows() {
        return flows;
    }

    /** The dataset's rows for this agent, or null without a dataset. */
    DatasetFeeder feeder() {
        return feeder;
    }

    /**
     * Something the user should read about this step beyond the request counts, e.g. that a dataset ran out: kept
     * with the step's failure messages (each distinct one once, within their bound).
     */
    void note(String note) {
        recorder.failureMessage(note);
    }

    /** Ms since the agreed start (negative before it); meaningful once STARTED. */
    double msSinceStart() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** Whether the step's time (warm-up plus duration from the agreed start) has not run out yet. */
    boolean beforeEnd() {
        return System.nanoTime() - startNanos < plan.total().toNanos();
    }

    /** How long until the step's time runs out, rounded up to Gatling's millisecond; zero once it has. */
    Duration untilEnd() {
        long left = startNanos + plan.total().toNanos() - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofMillis((left + 999_999) / 1_000_000);
    }

    Phase phase() {
        return phase.get();
    }

    /**
     * Called by the simulation once it is built: says so through {@code onReady}, then blocks until a start is agreed
     * (true), or a cancel or the start timeout ends the run first (false).
     */
    boolean awaitStart() throws InterruptedException {
        if (!phase.compareAndSet(Phase.PREPARING, Phase.WAITING)) {
            return false;
        }
        onReady.run();
        if (!decided.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            if (phase.compareAndSet(Phase.WAITING, Phase.TIMED_OUT)) {
                decided.countDown();
            }
        }
        return phase.get() == Phase.STARTED;
    }

    /** Blocks until the run started (true) or can no longer start (false). */
    boolean awaitDecision() throws InterruptedException {
        decided.await();
        return phase.get() == Phase.STARTED;
    }

    /**
     * Fixes the start at {@code startAtClusterMs} in cluster time, converted once to this JVM's monotonic clock. False
     * when the run is not waiting for a start (not ready yet, started already, cancelled or timed out).
     */
    boolean start(long startAtClusterMs) {
        long clusterNow = clusterClockMs.getAsLong();
        long nanoNow = System.nanoTime();
        long wallNow = System.currentTimeMillis();
        long aheadMs = startAtClusterMs - clusterNow;
        if (phase.get() != Phase.WAITING) {
            return false;
        }
        startNanos = nanoNow + TimeUnit.MILLISECONDS.toNanos(aheadMs);
        recorder.startAt(wallNow + aheadMs);
        if (!phase.compareAndSet(Phase.WAITING, Phase.STARTED)) {
            return false;
        }
        decided.countDown();
        return true;
    }

    /** Ends the run: before its start, at once; after it, like {@link #requestStop}. Marks the run as cancelled. */
    void cancel() {
        cancelled.set(true);
        requestStop();
        if (phase.compareAndSet(Phase.PREPARING, Phase.CANCELLED)
                || phase.compareAndSet(Phase.WAITING, Phase.CANCELLED)) {
            decided.countDown();
        }
    }

    boolean cancelled() {
        return cancelled.get();
    }

    /** The agreed start on {@link System#nanoTime}'s scale; meaningful once STARTED. */
    long startNanos() {
        return startNanos;
    }

    /** How long a user must still wait for the start, rounded up to Gatling's millisecond so it is never early. */
    Duration untilStart() {
        long left = startNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofMillis((left + 999_999) / 1_000_000);
    }

    /**
     * The simulation decided, at {@code decidedNanos}, to have its first users injected {@code injectionDelayNanos}
     * later.
     */
    void injectionPlanned(long decidedNanos, long injectionDelayNanos) {
        this.plannedNanos = decidedNanos;
        this.injectionDelayNanos = injectionDelayNanos;
    }

    /**
     * Gatling's own set-up time in this run: from the injection being planned to the first user running, less the
     * injection delay asked for; or -1 when no user ran.
     */
    long setupNanos() {
        long first = firstUserNanos.get();
        return first == NOT_YET ? -1 : Math.max(0, first - plannedNanos - injectionDelayNanos);
    }

    /**
     * How long each open-model arrival waits before its first request: the time from the first arrival to the agreed
     * start, rounded up to Gatling's millisecond. The same for every arrival, so the first one starts at the start and
     * the others keep their spacing; zero when the first arrival came late.
     */
    Duration openShift() {
        long first = firstUserNanos.get();
        long shift = first == NOT_YET ? 0 : startNanos - first;
        return shift <= 0 ? Duration.ZERO : Duration.ofMillis((shift + 999_999) / 1_000_000);
    }

    /** A user began its scenario (closed model: once per user). */
    void userStarted() {
        firstUserNanos.compareAndSet(NOT_YET, System.nanoTime());
    }

    /** An open-model arrival: a user began its scenario. */
    void arrived() {
        arrivals.increment();
        userStarted();
    }

    long arrivals() {
        return arrivals.sum();
    }

    /** A request is about to go out. */
    void sent(int index) {
        firstSentNanos.compareAndSet(NOT_YET, System.nanoTime());
        recorder.sent(index);
    }

    /** How late (positive) the first request left against the agreed start, in ms; null if none was sent. */
    Long startSkewMs() {
        long first = firstSentNanos.get();
        return first == NOT_YET || phase.get() != Phase.STARTED ? null : Math.floorDiv(first - startNanos, 1_000_000L);
    }

    void requestStop() {
        stopRequested.set(true);
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    /** True for exactly one caller after a stop was requested, so Gatling is told to stop only once. */
    boolean claimStop() {
        return stopRequested.get() && stopClaimed.compareAndSet(false, true);
    }

    static void install(RunContext run) {
        if (!CURRENT.compareAndSet(null, run)) {
            throw new IllegalStateException("a Gatling run is already installed in this JVM");
        }
    }

    static void uninstall(RunContext run) {
        CURRENT.compareAndSet(run, null);
    }

    static RunContext current() {
        RunContext run = CURRENT.get();
        if (run == null) {
            throw new IllegalStateException(
                    "no LoadLab run is installed: StepSimulation must be started by GatlingStepRunner");
        }
        return run;
    }
}
