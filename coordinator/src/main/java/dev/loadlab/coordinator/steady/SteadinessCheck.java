package dev.loadlab.coordinator.steady;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a step's measured window by {@link Steadiness#METHOD}: each per-second series is tested for a Mann-Kendall
 * trend and its thirds compared; a series is unsteady when it drifted by more than {@link Steadiness#DRIFT_LIMIT} with
 * a significant trend, so noise alone (a spread without a trend) is not flagged, nor is a significant but small
 * trend. Stateless.
 */
public final class SteadinessCheck {
    /** Longer series are averaged into this many buckets first, which bounds the pairwise test's cost. */
    static final int MAX_POINTS = 600;

    /** Below this many cores on average the target's CPU is too idle for its drift to mean anything. */
    static final double MIN_TARGET_CORES = 0.05;

    private SteadinessCheck() {}

    /**
     * The steadiness of a window, or {@code null} when it had fewer than {@link Steadiness#MIN_SECONDS} seconds.
     *
     * @param requestsPerSecond the merged responses of each measured second, in time order
     * @param targetCoresPerSecond the target's cores in each second, in time order; {@code null} when not sampled
     */
    public static Steadiness judge(double[] requestsPerSecond, double[] targetCoresPerSecond) {
        if (requestsPerSecond.length < Steadiness.MIN_SECONDS) {
            return null;
        }
        Steadiness.Series throughput = series("requests/s", requestsPerSecond);
        Steadiness.Series cpu = targetCoresPerSecond == null
                        || targetCoresPerSecond.length < Steadiness.MIN_SECONDS
                        || mean(targetCoresPerSecond) < MIN_TARGET_CORES
                ? null
                : series("target cores", targetCoresPerSecond);
        List<String> reasons = new ArrayList<>();
        if (throughput.unsteady()) {
            reasons.add(sentence("throughput", throughput, "%.1f req/s"));
        }
        if (cpu != null && cpu.unsteady()) {
            reasons.add(sentence("the target's CPU", cpu, "%.2f cores"));
        }
        return new Steadiness(
                !reasons.isEmpty(),
                reasons.isEmpty() ? null : String.join("; ", reasons) + ": not one steady state",
                throughput,
                cpu);
    }

    /** One series tested: its spread, its thirds and its trend. */
    static Steadiness.Series series(String metric, double[] values) {
        double[] points = buckets(values);
        double secondsPerPoint = (double) values.length / points.length;
        double mean = mean(points);
        int third = Math.max(1, points.length / 3);
        double first = mean(points, 0, third);
        double last = mean(points, points.length - third, points.length);
        double drift = first > 0 ? (last - first) / first : last > 0 ? 1 : 0;
        MannKendall.Result trend = MannKendall.test(points);
        boolean unsteady = Math.abs(drift) > Steadiness.DRIFT_LIMIT && trend.pValue() < Steadiness.SIGNIFICANCE;
        return new Steadiness.Series(
                metric,
                values.length,
                round(mean, 3),
                round(cv(points, mean), 4),
                round(first, 3),
                round(last, 3),
                round(drift, 4),
                round(trend.z(), 3),
                round(trend.pValue(), 4),
                round(trend.senSlope() / secondsPerPoint, 4),
                unsteady);
    }

    private static String sentence(String what, Steadiness.Series s, String unit) {
        return String.format(
                Locale.ROOT,
                "%s drifted %+.1f %% from the first third (" + unit + ") to the last third (" + unit + ") of %d"
                        + " measured seconds (Mann-Kendall z = %.2f, p = %.4f; the bound is %.0f %%)",
                what,
                s.drift() * 100,
                s.firstThird(),
                s.lastThird(),
                s.seconds(),
                s.mannKendallZ(),
                s.pValue(),
                Steadiness.DRIFT_LIMIT * 100);
    }

    /** {@code values} as at most {@link #MAX_POINTS} means of consecutive, nearly equal runs of seconds. */
    static double[] buckets(double[] values) {
        if (values.length <= MAX_POINTS) {
            return values.clone();
        }
        double[] points = new double[MAX_POINTS];
        for (int b = 0; b < MAX_POINTS; b++) {
            int from = (int) ((long) b * values.length / MAX_POINTS);
            int to = (int) ((long) (b + 1) * values.length / MAX_POINTS);
            points[b] = mean(values, from, to);
        }
        return points;
    }

    static double mean(double[] values) {
        return mean(values, 0, values.length);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return to > from ? sum / (to - from) : 0;
    }

    /** The sample standard deviation over the mean; 0 for a zero mean or fewer than 2 values. */
    static double cv(double[] values, double mean) {
        if (values.length < 2 || mean == 0) {
            return 0;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1)) / mean;
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
