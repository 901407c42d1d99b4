package dev.loadlab.coordinator.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port behind comparisons and trends: a run's stored steps with their per-second samples, and one metric
 * of a scenario over its past runs. Each method reads one consistent snapshot and throws {@link StorageException}
 * when the store fails. Implementations are thread-safe.
 */
public interface RunHistory {
    /** The run with its steps, or empty when no run has this id. */
    Optional<RunSteps> runSteps(UUID runId);

    /**
     * The most recent {@code limit} runs of scenario {@code name} that stored a step of the given shape (profile and
     * workers, both null for a plain run), oldest first, with {@code metric} of the run's first such step.
     */
    List<TrendPoint> trend(String name, TrendMetric metric, String profile, Integer workers, int limit);
}
