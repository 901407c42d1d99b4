package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.TimelinePoint;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * What the engine tells an onlooker (the coordinator's metrics) as runs go: each merged second of a live step, each
 * stored step, each storage failure, and the end of a run. Called on the scheduler's thread, so an implementation
 * must be quick and must not call back into the engine; it must be thread-safe if it is read from other threads.
 */
public interface RunObserver {
    /** Tells nothing to no one. */
    RunObserver NONE = new RunObserver() {};

    /**
     * One merged second of a live step: its counts by request name and each name's latency histogram (milliseconds,
     * as the agents record them). The histograms are the engine's own: read them here, do not keep them.
     */
    default void liveSecond(UUID runId, String scenario, TimelinePoint point, Map<String, Histogram> latencyByName) {}

    /** A step (or a search step's last probe) ended and was stored. */
    default void stepStored(StepRecord record) {}

    /** A write to or read from the database failed; {@code operation} says which, in a few words. */
    default void storageFailed(String operation) {}

    /** The run ended: nothing more will be said about it. */
    default void runEnded(UUID runId) {}
}
