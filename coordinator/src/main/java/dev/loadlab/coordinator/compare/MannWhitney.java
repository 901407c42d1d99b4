package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.steady.Normal;
import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, by the normal approximation with the tie correction of the
 * variance and without continuity correction: ranks are mid-ranks over both samples, {@code U} is the candidate's
 * statistic (pairs where the candidate's value is larger, ties counting one half), and {@code z = (U - n1 n2 / 2) /
 * sigma} with {@code sigma^2 = n1 n2 / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)))}. When every value is the same the
 * variance is zero and the samples cannot differ: {@code z = 0}, {@code p = 1}. Stateless and thread-safe.
 */
public final class MannWhitney {
    private MannWhitney() {}

    /**
     * The outcome of one test.
     *
     * @param uCandidate the candidate's U: 0 when every candidate value is below every baseline value, {@code n1 n2}
     *     when above
     * @param z positive when the candidate tends to be larger
     * @param pValue two-sided, in [0, 1]
     */
    public record Result(double uCandidate, double z, double pValue) {}

    /** Tests whether {@code baseline} and {@code candidate} come from the same distribution. */
    public static Result test(double[] baseline, double[] candidate) {
        if (baseline.length == 0) {
            throw new IllegalArgumentException("baseline must hold at least 1 value, was empty");
        }
        if (candidate.length == 0) {
            throw new IllegalArgumentException("candidate must hold at least 1 value, was empty");
        }
        int n1 = baseline.length;
        int n2 = candidate.length;
        int n = n1 + n2;
        double[] values = new double[n];
        boolean[] fromCandidate = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < n1 ? baseline[i] : candidate[i - n1];
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("samples must not hold NaN (index " + i + ")");
            }
            fromCandidate[i] = i >= n1;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double candidateRankSum = 0;
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (fromCandidate[order[k]]) {
                    candidateRankSum += midRank;
                }
            }
            double t = end - start + 1;
            tieTerm += t * t * t - t;
            start = end + 1;
        }
        double u = candidateRankSum - n2 * (n2 + 1) / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1.0)));
        if (!(variance > 0)) {
            return new Result(u, 0, 1);
        }
        double z = (u - n1 * (double) n2 / 2.0) / Math.sqrt(variance);
        return new Result(u, z, Math.min(1, Normal.erfc(Math.abs(z) / Math.sqrt(2))));
    }
}
