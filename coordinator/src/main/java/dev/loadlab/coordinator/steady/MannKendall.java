package dev.loadlab.coordinator.steady;

import java.util.Arrays;

/**
 * The Mann-Kendall trend test, two-sided, by the normal approximation with the tie correction of the variance and the
 * continuity correction: {@code S} counts, over every pair {@code i < j}, +1 where {@code x[j] > x[i]} and -1 where
 * below; {@code var(S) = (n (n - 1) (2n + 5) - sum t (t - 1) (2t + 5)) / 18} over groups of {@code t} equal values;
 * {@code z = (S - sign(S)) / sqrt(var(S))}. With it, Sen's slope: the median of every pair's slope {@code (x[j] -
 * x[i]) / (j - i)}, in units per index. Fewer than 3 values, or all of them equal, cannot show a trend: {@code z = 0},
 * {@code p = 1}. Stateless and thread-safe.
 */
public final class MannKendall {
    private MannKendall() {}

    /**
     * The outcome of one test.
     *
     * @param s the statistic: positive when the series tends to rise
     * @param z positive when rising
     * @param pValue two-sided, in [0, 1]
     * @param senSlope the median pairwise slope per index; 0 for fewer than 2 values
     */
    public record Result(long s, double z, double pValue, double senSlope) {}

    /** Tests {@code series} (in time order) for a monotone trend. */
    public static Result test(double[] series) {
        int n = series.length;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(series[i])) {
                throw new IllegalArgumentException("series must not hold NaN (index " + i + ")");
            }
        }
        long s = 0;
        double[] slopes = new double[n < 2 ? 0 : n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(series[j], series[i]) > 0 ? 1 : series[j] < series[i] ? -1 : 0;
                slopes[k++] = (series[j] - series[i]) / (j - i);
            }
        }
        double senSlope = median(slopes);
        double variance = (n * (n - 1.0) * (2.0 * n + 5) - tieTerm(series)) / 18.0;
        if (n < 3 || !(variance > 0) || s == 0) {
            return new Result(s, 0, 1, senSlope);
        }
        double z = (s - Long.signum(s)) / Math.sqrt(variance);
        return new Result(s, z, Math.min(1, Normal.erfc(Math.abs(z) / Math.sqrt(2))), senSlope);
    }

    private static double tieTerm(double[] series) {
        double[] sorted = series.clone();
        Arrays.sort(sorted);
        double term = 0;
        for (int start = 0; start < sorted.length; ) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            term += t * (t - 1) * (2 * t + 5);
            start = end + 1;
        }
        return term;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
