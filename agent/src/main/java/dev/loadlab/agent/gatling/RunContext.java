package dev.loadlab.agent.gatling;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run Gatling is executing now, and the JVM-wide holder through which {@link StepSimulation} finds it: Gatling
 * instantiates simulations by class name with a no-arg constructor, so parameters cannot be passed any other way. Only
 * one run can be installed at a time. Thread-safe.
 */
final class RunContext {
    private static final AtomicReference<RunContext> CURRENT = new AtomicReference<>();

    private final StepPlan plan;
    private final StepRecorder recorder;
    private final WeightedPicker picker;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean stopClaimed = new AtomicBoolean();

    RunContext(StepPlan plan, StepRecorder recorder) {
        this.plan = plan;
        this.recorder = recorder;
        this.picker =
                new WeightedPicker(plan.requests().stream().map(r -> r.weight()).toList());
    }

    StepPlan plan() {
        return plan;
    }

    StepRecorder recorder() {
        return recorder;
    }

    WeightedPicker picker() {
        return picker;
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
