package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.StepMetrics;
import dev.loadlab.coordinator.model.StepRef;

/**
 * One matched (profile, workers, request name) of two runs: both sides' throughput (req/s), p50 and p99 (ms, from
 * each step's merged histogram; informative only) and error rate (0..1), with deltas, and the verdict on throughput
 * with the test behind it (on every repeat of a cell that both runs repeated at least 3 times, the one test of those
 * repeats). {@code reason} is given only for {@link Verdict#INSUFFICIENT_DATA}. Immutable.
 */
public record StepComparison(
        String profile,
        Integer workers,
        String request,
        Integer repeat,
        StepRef baselineStep,
        StepRef candidateStep,
        MetricDelta throughputRps,
        MetricDelta p50Ms,
        MetricDelta p99Ms,
        MetricDelta errorRate,
        Verdict verdict,
        String reason,
        Significance test) {
    /** One matched pair with the verdict of the test that judged it (its own, or its cell's repeats'). */
    static StepComparison of(StepMetrics baseline, StepMetrics candidate, Significance.Outcome outcome) {
        return new StepComparison(
                baseline.profile(),
                baseline.workers(),
                baseline.request(),
                StepMatcher.repeatOrNull(baseline),
                baseline.ref(),
                candidate.ref(),
                MetricDelta.of(baseline.throughputRps(), candidate.throughputRps(), 2),
                MetricDelta.of(baseline.p50Ms(), candidate.p50Ms(), 2),
                MetricDelta.of(baseline.p99Ms(), candidate.p99Ms(), 2),
                MetricDelta.of(baseline.errorRate(), candidate.errorRate(), 6),
                outcome.verdict(),
                outcome.reason(),
                outcome.test());
    }
}
