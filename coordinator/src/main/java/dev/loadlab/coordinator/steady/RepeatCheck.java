package dev.loadlab.coordinator.steady;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Judges a cell's repeats (their throughput in the order they ran) by {@link Repeatability}'s rules: the spread as a
 * coefficient of variation, and a monotone drift named in a note: every repeat above the one before (or every one
 * below), or from 4 repeats a significant Mann-Kendall trend (so one reversal cannot hide a drift), and more than {@link
 * Steadiness#DRIFT_LIMIT} from the first to the last. Stateless.
 */
public final class RepeatCheck {
    /** A monotone drift needs at least this many repeats: two always are monotone. */
    public static final int MIN_REPEATS_FOR_DRIFT = 3;

    private RepeatCheck() {}

    /** The repeats' agreement, or {@code null} for fewer than 2 repeats. */
    public static Repeatability judge(List<Double> throughputByRepeat) {
        int n = throughputByRepeat.size();
        if (n < 2) {
            return null;
        }
        double[] values =
                throughputByRepeat.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = SteadinessCheck.mean(values);
        double first = values[0];
        double drift = first > 0 ? (values[n - 1] - first) / first : 0;
        boolean rising = true;
        boolean falling = true;
        for (int i = 1; i < n; i++) {
            rising &= values[i] > values[i - 1];
            falling &= values[i] < values[i - 1];
        }
        // Strictly monotone, or (from 4 repeats, where one reversal can hide a drift) a significant trend.
        boolean trending = n >= 4 && MannKendall.test(values).pValue() < Steadiness.SIGNIFICANCE;
        boolean monotone = n >= MIN_REPEATS_FOR_DRIFT
                && (rising || falling || trending)
                && Math.abs(drift) > Steadiness.DRIFT_LIMIT;
        rising = drift > 0;
        String note = monotone
                ? String.format(
                        Locale.ROOT,
                        "throughput %s across the repeats (%s req/s, %+.1f %% from the first to the last): something"
                                + " was still %s between repeats, so they are not %d samples of one state",
                        rising ? "rose" : "fell",
                        throughputByRepeat.stream()
                                .map(v -> String.format(Locale.ROOT, "%.0f", v))
                                .collect(Collectors.joining(", ")),
                        drift * 100,
                        rising ? "warming up" : "wearing down",
                        n)
                : null;
        return new Repeatability(
                n,
                SteadinessCheck.round(mean, 3),
                SteadinessCheck.round(SteadinessCheck.cv(values, mean), 4),
                SteadinessCheck.round(drift, 4),
                monotone,
                note);
    }
}
