package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.scenario.LoadModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link Interval} per second of a running step: a thread that, from the agreed start, wakes at the end of
 * each second, closes it in the {@link StepRecorder} and hands it on with this process's CPU share over that second
 * and whether an open model is behind its schedule. {@link #finish} sends what is left (the last, partial second).
 * Also keeps the step-wide figures: this process's and the whole machine's CPU share over the measured window and
 * whether any measured second was behind.
 * Thread-safe.
 */
final class IntervalTicker {
    private static final Logger LOG = LoggerFactory.getLogger(IntervalTicker.class);

    private final RunContext run;
    private final String agentId;
    private final StepKey step;
    private final Consumer<Interval> sink;
    private final Thread thread;

    // Guarded by this.
    private CpuMeter.Sample first;
    private CpuMeter.Sample last;
    private CpuMeter.Sample measuredFrom;
    private CpuMeter.Sample end;
    private boolean behind;

    IntervalTicker(RunContext run, String agentId, Consumer<Interval> sink) {
        this.run = run;
        this.step = run.step();
        this.agentId = agentId;
        this.sink = sink;
        this.thread = Thread.ofPlatform().daemon().name("loadlab-intervals").unstarted(this::tick);
    }

    void start() {
        thread.start();
    }

    private void tick() {
        try {
            if (!run.awaitDecision()) {
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        StepRecorder recorder = run.recorder();
        long startMs = recorder.startMs();
        if (!parkUntil(run.startNanos())) {
            return;
        }
        synchronized (this) {
            last = CpuMeter.sample();
            first = last;
            if (!recorder.isWarmup(0)) {
                measuredFrom = last;
            }
        }
        long next = 0;
        while (true) {
            long endMs = recorder.endOf(next);
            if (!parkUntil(run.startNanos() + TimeUnit.MILLISECONDS.toNanos(endMs - startMs))) {
                return;
            }
            List<StepSecond> closed = recorder.closeUntil(endMs);
            if (!closed.isEmpty()) {
                emit(closed);
                next = closed.getLast().index() + 1;
            } else {
                next++;
            }
        }
    }

    /**
     * Stops the thread (it sends nothing more), ends the recording ({@link StepRecorder#finish}) and sends the seconds
     * that were still open, the last partial one included, so the intervals sent add up to the step's result.
     */
    void finish(boolean countUnansweredAsErrors) {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<StepSecond> rest = run.recorder().finish(countUnansweredAsErrors);
        if (!rest.isEmpty()) {
            emit(rest);
        }
    }

    private synchronized void emit(List<StepSecond> seconds) {
        CpuMeter.Sample now = CpuMeter.sample();
        double share = last == null ? -1 : CpuMeter.share(last, now);
        boolean behindNow = behindSchedule(now);
        StepRecorder recorder = run.recorder();
        for (StepSecond second : seconds) {
            if (!second.warmup()) {
                behind |= behindNow;
            }
            Interval interval = new Interval(
                    step.runId(),
                    step.stepIndex(),
                    step.probe(),
                    agentId,
                    second.index(),
                    second.warmup(),
                    second.results(recorder.names()),
                    Math.max(0, share),
                    behindNow);
            try {
                sink.accept(interval);
            } catch (RuntimeException e) {
                // A failing listener must not stop the intervals that follow, nor the run.
                LOG.warn("interval listener failed: {}", e.toString());
            }
        }
        if (measuredFrom == null && !recorder.isWarmup(seconds.getLast().index() + 1)) {
            measuredFrom = now;
        }
        last = now;
        end = now;
    }

    private boolean behindSchedule(CpuMeter.Sample now) {
        AgentWork plan = run.plan();
        if (plan.model() != LoadModel.OPEN || run.stopRequested()) {
            return false;
        }
        double elapsed = Math.min(
                (now.wallNanos() - run.startNanos()) / 1e9, plan.total().toNanos() / 1e9);
        if (plan.staged()) {
            return ScheduleCheck.behindExpected(plan.profile().arrivalsUntil(elapsed * 1000), run.arrivals());
        }
        return ScheduleCheck.behind(plan.rate(), elapsed, run.arrivals());
    }

    /** The process's average CPU share over the measured window (the whole step if it never got there); or null. */
    synchronized Double cpuShare() {
        CpuMeter.Sample from = windowStart();
        if (from == null || end == null || from == end) {
            return null;
        }
        double share = CpuMeter.share(from, end);
        return share < 0 ? null : share;
    }

    /**
     * The whole machine's busy share over the same window as {@link #cpuShare} (sampled at the same moments); null
     * when {@code /proc/stat} could not be read.
     */
    synchronized Double machineCpuShare() {
        CpuMeter.Sample from = windowStart();
        if (from == null || end == null || from == end) {
            return null;
        }
        return MachineCpu.share(from.machine(), end.machine());
    }

    private CpuMeter.Sample windowStart() {
        return measuredFrom != null && measuredFrom != end ? measuredFrom : first;
    }

    /** Whether any measured second found the open model behind its schedule. */
    synchronized boolean behindSchedule() {
        return behind;
    }

    /** Parks until {@code deadlineNanos}; false when interrupted (the step ended). */
    private static boolean parkUntil(long deadlineNanos) {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(left);
        }
    }
}
