package dev.loadlab.coordinator.compare;

import java.util.Arrays;
import java.util.Locale;

/**
 * The statistical test behind one step's verdict: the number of measured seconds on each side, the median per-second
 * throughput of each, and the Mann-Whitney U of the candidate with its z and two-sided p-value. U, z and p are absent
 * when there were too few samples to test. Immutable.
 */
public record Significance(
        int baselineSamples,
        int candidateSamples,
        Double baselineMedianRps,
        Double candidateMedianRps,
        Double u,
        Double z,
        Double pValue) {
    /** The significance level of every comparison. */
    public static final double ALPHA = 0.05;

    /** Fewer measured seconds than this on either side give {@link Verdict#INSUFFICIENT_DATA}. */
    public static final int MIN_SAMPLES = 5;

    public static final String METHOD =
            "Mann-Whitney U on per-second throughput of the measured window, two-sided," + " alpha 0.05";

    /** A test's outcome: the verdict, why (only for insufficient data), and the figures. */
    public record Outcome(Verdict verdict, String reason, Significance test) {}

    /**
     * Tests {@code candidate} against {@code baseline} (per-second throughput samples). Significant at {@link #ALPHA}:
     * improved when the candidate's median is higher, regressed when lower; with equal medians the direction is the
     * sign of z (which side tends to rank higher).
     */
    public static Outcome assess(double[] baseline, double[] candidate) {
        Double baselineMedian = median(baseline);
        Double candidateMedian = median(candidate);
        if (baseline.length < MIN_SAMPLES || candidate.length < MIN_SAMPLES) {
            String reason = String.format(
                    Locale.ROOT,
                    "the baseline has %d measured second(s) and the candidate %d; at least %d on each side are"
                            + " needed",
                    baseline.length,
                    candidate.length,
                    MIN_SAMPLES);
            return new Outcome(
                    Verdict.INSUFFICIENT_DATA,
                    reason,
                    new Significance(
                            baseline.length, candidate.length, baselineMedian, candidateMedian, null, null, null));
        }
        MannWhitney.Result result = MannWhitney.test(baseline, candidate);
        Verdict verdict;
        if (result.pValue() >= ALPHA) {
            verdict = Verdict.NO_SIGNIFICANT_CHANGE;
        } else {
            int direction = Double.compare(candidateMedian, baselineMedian);
            if (direction == 0) {
                direction = Double.compare(result.z(), 0);
            }
            verdict = direction > 0
                    ? Verdict.IMPROVED
                    : direction < 0 ? Verdict.REGRESSED : Verdict.NO_SIGNIFICANT_CHANGE;
        }
        return new Outcome(
                verdict,
                null,
                new Significance(
                        baseline.length,
                        candidate.length,
                        baselineMedian,
                        candidateMedian,
                        result.uCandidate(),
                        MetricDelta.round(result.z(), 4),
                        result.pValue()));
    }

    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
