package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.RunHistory;
import dev.loadlab.coordinator.model.RunSteps;
import dev.loadlab.coordinator.model.TrendMetric;
import dev.loadlab.coordinator.model.TrendPoint;
import dev.loadlab.protocol.InvalidInputException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;

/**
 * Compares two stored runs step by step and follows one metric of a scenario over its past runs. Blocking (it reads
 * PostgreSQL): call it off the event loop. Stateless apart from the repository; thread-safe.
 */
public final class CompareService {
    /** Default and largest number of runs in a trend. */
    public static final int DEFAULT_TREND_LIMIT = 100;

    public static final int MAX_TREND_LIMIT = 1000;

    private final RunHistory repository;

    public CompareService(RunHistory repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * Compares {@code candidate} against {@code baseline}.
     *
     * @throws NoSuchElementException naming the run when either does not exist (the REST API answers 404)
     */
    public CompareReport compare(UUID baseline, UUID candidate) {
        RunSteps before = repository
                .runSteps(baseline)
                .orElseThrow(() -> new NoSuchElementException("no run with id " + baseline + " (baseline)"));
        RunSteps after = repository
                .runSteps(candidate)
                .orElseThrow(() -> new NoSuchElementException("no run with id " + candidate + " (candidate)"));
        return compare(before, after);
    }

    /** The comparison of two runs already read; pure. */
    static CompareReport compare(RunSteps baseline, RunSteps candidate) {
        StepMatcher.Matching matching = StepMatcher.match(baseline.steps(), candidate.steps());
        List<StepComparison> steps = matching.matched().stream()
                .map(pair -> StepComparison.of(pair.baseline(), pair.candidate()))
                .toList();
        return new CompareReport(
                Significance.METHOD,
                Significance.ALPHA,
                Significance.MIN_SAMPLES,
                CompareReport.LATENCY_NOTE,
                baseline.run(),
                candidate.run(),
                steps,
                matching.onlyInBaseline().stream().map(UnmatchedStep::of).toList(),
                matching.onlyInCandidate().stream().map(UnmatchedStep::of).toList());
    }

    /**
     * {@code metric} of scenario {@code name} over its most recent {@code limit} runs that stored a step of the given
     * shape, oldest first. {@code profile} and {@code workers} go together; both null select steps that used the
     * target as it was.
     *
     * @throws InvalidInputException naming {@code profile}, {@code workers} or {@code limit} when out of bounds
     */
    public List<TrendPoint> trend(String name, TrendMetric metric, String profile, Integer workers, int limit) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        if (limit < 1 || limit > MAX_TREND_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_TREND_LIMIT + ", was " + limit);
        }
        if (profile != null && workers == null) {
            throw new InvalidInputException("workers", "is required with profile: the step's worker count, 1 to 64");
        }
        if (profile == null && workers != null) {
            throw new InvalidInputException("profile", "is required with workers: the step's target profile");
        }
        if (workers != null && (workers < 1 || workers > 64)) {
            throw new InvalidInputException("workers", "must be between 1 and 64, was " + workers);
        }
        return repository.trend(name, metric, profile, workers, limit);
    }
}
