package dev.loadlab.coordinator.compare;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The statistical test behind one verdict on throughput. {@code samples} says what was compared: {@code repeats} (each
 * repeat's throughput, when both runs repeated the step at least {@link #MIN_SAMPLES} times: independent runs) or
 * {@code batch means} (the measured window's per-second throughput averaged over consecutive batches of {@code
 * batchSeconds}, so that neighbouring seconds, which are not independent, count once per batch). Welch's t-test
 * (Apache Commons Statistics) on the two samples, two-sided; {@code adjustedPValue} is Holm's, over every test of the
 * comparison; {@code effect} is the candidate's mean over the baseline's minus 1 (-0.15 = 15 % slower), with its 95 %
 * confidence interval from the Welch-Satterthwaite t. Figures are absent when there were too few samples. Immutable.
 */
public record Significance(
        String samples,
        Integer batchSeconds,
        int baselineSamples,
        int candidateSamples,
        Double baselineMeanRps,
        Double candidateMeanRps,
        Double t,
        Double degreesOfFreedom,
        Double pValue,
        Double adjustedPValue,
        Double effect,
        Double effectLow,
        Double effectHigh) {
    /** The family-wise significance level of every comparison. */
    public static final double ALPHA = 0.05;

    /** Fewer samples (repeats or batches) than this on either side give {@link Verdict#INSUFFICIENT_DATA}. */
    public static final int MIN_SAMPLES = 3;

    /** At most this many batches are made of one window's seconds. */
    static final int MAX_BATCHES = 5;

    /** A change smaller than this share of the baseline is no change, however significant. */
    public static final double DEFAULT_MIN_EFFECT = 0.05;

    public static final String REPEATS = "repeats";

    public static final String BATCH_MEANS = "batch means";

    public static final String METHOD = "Welch's t-test (Apache Commons Statistics), two-sided, on each repeat's"
            + " throughput when both runs repeated the step at least 3 times, otherwise on batch means of the measured"
            + " window's per-second throughput (at most 5 batches of whole seconds; neighbouring seconds are not"
            + " independent); p-values Holm-adjusted over every test of the comparison, family-wise alpha 0.05; effect ="
            + " candidate mean / baseline mean - 1 with a 95 % confidence interval; regressed or improved only when the"
            + " adjusted p < 0.05 and |effect| >= the minimum effect";

    /** A test before the correction: its samples' figures, or why there are too few. */
    record Raw(Significance test, String insufficient) {}

    /** The outcome once corrected: the verdict, why (only for insufficient data), and the figures. */
    public record Outcome(Verdict verdict, String reason, Significance test) {}

    /** Tests each repeat's throughput, baseline against candidate. */
    static Raw ofRepeats(double[] baseline, double[] candidate) {
        return test(REPEATS, null, baseline, candidate);
    }

    /** Tests batch means of two measured windows' per-second throughput. */
    static Raw ofSeconds(double[] baselineSeconds, double[] candidateSeconds) {
        int seconds = Math.min(baselineSeconds.length, candidateSeconds.length);
        int batch = Math.max(1, (seconds + MAX_BATCHES - 1) / MAX_BATCHES);
        return test(BATCH_MEANS, batch, batchMeans(baselineSeconds, batch), batchMeans(candidateSeconds, batch));
    }

    private static Raw test(String what, Integer batch, double[] baseline, double[] candidate) {
        Double baselineMean = mean(baseline);
        Double candidateMean = mean(candidate);
        if (baseline.length < MIN_SAMPLES || candidate.length < MIN_SAMPLES) {
            String reason = String.format(
                    Locale.ROOT,
                    "the baseline has %d and the candidate %d %s; at least %d on each side are needed",
                    baseline.length,
                    candidate.length,
                    what.equals(REPEATS) ? "repeats" : "batches of " + batch + " s",
                    MIN_SAMPLES);
            return new Raw(
                    new Significance(
                            what,
                            batch,
                            baseline.length,
                            candidate.length,
                            baselineMean,
                            candidateMean,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null),
                    reason);
        }
        double vb = variance(baseline, baselineMean) / baseline.length;
        double vc = variance(candidate, candidateMean) / candidate.length;
        double se = Math.sqrt(vb + vc);
        Double t = null;
        Double df = null;
        double p;
        double low;
        double high;
        double diff = candidateMean - baselineMean;
        if (se == 0) {
            // Constant samples on both sides: the difference, if any, is exact.
            p = diff == 0 ? 1.0 : 0.0;
            low = diff;
            high = diff;
        } else {
            TTest.Result result =
                    TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(candidate, baseline);
            t = MetricDelta.round(result.getStatistic(), 4);
            df = MetricDelta.round(result.getDegreesOfFreedom(), 2);
            p = result.getPValue();
            double q = TDistribution.of(result.getDegreesOfFreedom()).inverseSurvivalProbability(0.025);
            low = diff - q * se;
            high = diff + q * se;
        }
        boolean relative = baselineMean != 0;
        return new Raw(
                new Significance(
                        what,
                        batch,
                        baseline.length,
                        candidate.length,
                        MetricDelta.round(baselineMean, 2),
                        MetricDelta.round(candidateMean, 2),
                        t,
                        df,
                        p,
                        null,
                        relative ? MetricDelta.round(diff / baselineMean, 4) : null,
                        relative ? MetricDelta.round(low / baselineMean, 4) : null,
                        relative ? MetricDelta.round(high / baselineMean, 4) : null),
                null);
    }

    /** This test with its Holm-adjusted p-value, judged against {@code minEffect}. */
    static Outcome judge(Raw raw, Double adjustedP, double minEffect) {
        if (raw.insufficient() != null) {
            return new Outcome(Verdict.INSUFFICIENT_DATA, raw.insufficient(), raw.test());
        }
        Significance s = raw.test();
        Significance adjusted = new Significance(
                s.samples,
                s.batchSeconds,
                s.baselineSamples,
                s.candidateSamples,
                s.baselineMeanRps,
                s.candidateMeanRps,
                s.t,
                s.degreesOfFreedom,
                s.pValue,
                adjustedP,
                s.effect,
                s.effectLow,
                s.effectHigh);
        double effect = s.effect == null ? 0 : s.effect;
        if (adjustedP >= ALPHA || Math.abs(effect) < minEffect) {
            return new Outcome(Verdict.NO_SIGNIFICANT_CHANGE, null, adjusted);
        }
        return new Outcome(effect > 0 ? Verdict.IMPROVED : Verdict.REGRESSED, null, adjusted);
    }

    static double[] batchMeans(double[] seconds, int batch) {
        int batches = seconds.length / batch;
        double[] means = new double[batches];
        for (int b = 0; b < batches; b++) {
            double sum = 0;
            for (int i = b * batch; i < (b + 1) * batch; i++) {
                sum += seconds[i];
            }
            means[b] = sum / batch;
        }
        return means;
    }

    private static Double mean(double[] values) {
        return values.length == 0 ? null : Arrays.stream(values).average().orElseThrow();
    }

    private static double variance(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0 : sum / (values.length - 1);
    }
}
