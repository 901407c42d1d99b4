package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.RunHistory;
import dev.loadlab.coordinator.model.RunSteps;
import dev.loadlab.coordinator.model.StepMetrics;
import dev.loadlab.coordinator.model.TrendMetric;
import dev.loadlab.coordinator.model.TrendPoint;
import dev.loadlab.protocol.InvalidInputException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return compare(baseline, candidate, Significance.DEFAULT_MIN_EFFECT);
    }

    /**
     * Compares {@code candidate} against {@code baseline}, a change below {@code minEffect} (a share of the baseline)
     * counting as none.
     *
     * @throws NoSuchElementException naming the run when either does not exist (the REST API answers 404)
     */
    public CompareReport compare(UUID baseline, UUID candidate, double minEffect) {
        RunSteps before = repository
                .runSteps(baseline)
                .orElseThrow(() -> new NoSuchElementException("no run with id " + baseline + " (baseline)"));
        RunSteps after = repository
                .runSteps(candidate)
                .orElseThrow(() -> new NoSuchElementException("no run with id " + candidate + " (candidate)"));
        return compare(before, after, minEffect);
    }

    /** The comparison of two runs already read, changes below the default minimum effect counting as none; pure. */
    static CompareReport compare(RunSteps baseline, RunSteps candidate) {
        return compare(baseline, candidate, Significance.DEFAULT_MIN_EFFECT);
    }

    /**
     * The comparison of two runs already read; pure. A (profile, workers, request) that both runs repeated at least
     * {@link Significance#MIN_SAMPLES} times is judged once, on its repeats' throughput; any other matched step on its
     * own window's batch means. Holm's correction runs over those tests together.
     */
    static CompareReport compare(RunSteps baseline, RunSteps candidate, double minEffect) {
        StepMatcher.Matching matching = StepMatcher.match(baseline.steps(), candidate.steps());
        Map<Cell, List<StepMatcher.Pair>> cells = new LinkedHashMap<>();
        for (StepMatcher.Pair pair : matching.matched()) {
            cells.computeIfAbsent(Cell.of(pair.baseline()), c -> new ArrayList<>())
                    .add(pair);
        }
        // One test per repeated cell, or per step; then every test's p-value adjusted together.
        Map<StepMatcher.Pair, Significance.Raw> rawByPair = new IdentityHashMap<>();
        List<Significance.Raw> tests = new ArrayList<>();
        for (List<StepMatcher.Pair> pairs : cells.values()) {
            if (pairs.size() >= Significance.MIN_SAMPLES) {
                Significance.Raw raw = Significance.ofRepeats(
                        pairs.stream()
                                .mapToDouble(p -> p.baseline().throughputRps())
                                .toArray(),
                        pairs.stream()
                                .mapToDouble(p -> p.candidate().throughputRps())
                                .toArray());
                tests.add(raw);
                pairs.forEach(pair -> rawByPair.put(pair, raw));
            } else {
                for (StepMatcher.Pair pair : pairs) {
                    Significance.Raw raw = Significance.ofSeconds(
                            pair.baseline().samples(), pair.candidate().samples());
                    tests.add(raw);
                    rawByPair.put(pair, raw);
                }
            }
        }
        List<Significance.Raw> tested =
                tests.stream().filter(raw -> raw.insufficient() == null).toList();
        double[] adjusted = Holm.adjust(
                tested.stream().mapToDouble(raw -> raw.test().pValue()).toArray());
        Map<Significance.Raw, Significance.Outcome> outcomes = new IdentityHashMap<>();
        for (Significance.Raw raw : tests) {
            int at = tested.indexOf(raw);
            outcomes.put(raw, Significance.judge(raw, at < 0 ? null : adjusted[at], minEffect));
        }
        List<StepComparison> steps = matching.matched().stream()
                .map(pair -> StepComparison.of(pair.baseline(), pair.candidate(), outcomes.get(rawByPair.get(pair))))
                .toList();
        return new CompareReport(
                Significance.METHOD,
                Significance.ALPHA,
                Significance.MIN_SAMPLES,
                minEffect,
                CompareReport.CORRECTION,
                CompareReport.LATENCY_NOTE,
                baseline.run(),
                candidate.run(),
                steps,
                matching.onlyInBaseline().stream().map(UnmatchedStep::of).toList(),
                matching.onlyInCandidate().stream().map(UnmatchedStep::of).toList());
    }

    /** What repeats of one step share. */
    private record Cell(String profile, Integer workers, String request) {
        static Cell of(StepMetrics step) {
            return new Cell(step.profile(), step.workers(), step.request());
        }
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
