package dev.loadlab.coordinator.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The storage port for reading runs back: one run with its stored steps, a page of history, a step's timeline. What
 * it returns is what was stored: the verdicts computed from it (the SLO's) are added by the engine when it makes the
 * view. Each method reads one consistent snapshot and throws {@link StorageException} when the store fails.
 * Implementations are thread-safe.
 */
public interface RunReader {
    /**
     * The run with its scenario (control token redacted) and stored steps as they were stored: each step's {@code slo}
     * and the run's {@code series} are null, for the engine to derive.
     */
    Optional<RunView> findRun(UUID id);

    /** One page of runs matching {@code filter}, newest submission first, after {@code cursor} (null: the newest). */
    RunPage listRuns(RunFilter filter, int limit, RunCursor cursor);

    /** The seconds stored so far for one step, in order (a search step's probe by probe). */
    List<TimelinePoint> timeline(UUID runId, int stepIndex);

    /**
     * Each stored step's merged latency histogram (every agent's, added exactly; the one its percentiles came from),
     * by step index in order; empty for a run without stored steps.
     */
    SortedMap<Integer, Histogram> stepHistograms(UUID runId);
}
