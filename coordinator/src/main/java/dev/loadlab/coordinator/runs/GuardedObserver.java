package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.TimelinePoint;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunObserver} whose failures stay its own: an onlooker that throws is logged, and the scheduler goes on
 * storing the second or the step it was telling about. As thread-safe as the observer it guards.
 */
final class GuardedObserver implements RunObserver {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);

    private final RunObserver observer;

    private GuardedObserver(RunObserver observer) {
        this.observer = observer;
    }

    static RunObserver of(RunObserver observer) {
        return observer == RunObserver.NONE || observer instanceof GuardedObserver
                ? observer
                : new GuardedObserver(observer);
    }

    @Override
    public void liveSecond(UUID runId, String scenario, TimelinePoint point, Map<String, Histogram> latencyByName) {
        guard("liveSecond", () -> observer.liveSecond(runId, scenario, point, latencyByName));
    }

    @Override
    public void stepStored(StepRecord record) {
        guard("stepStored", () -> observer.stepStored(record));
    }

    @Override
    public void storageFailed(String operation) {
        guard("storageFailed", () -> observer.storageFailed(operation));
    }

    @Override
    public void runEnded(UUID runId) {
        guard("runEnded", () -> observer.runEnded(runId));
    }

    private static void guard(String call, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("the run observer failed in {}; the run goes on", call, e);
        }
    }
}
