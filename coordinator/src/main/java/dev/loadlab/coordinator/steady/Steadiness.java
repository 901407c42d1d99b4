package dev.loadlab.coordinator.steady;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a step's measured window was one steady state: its merged per-second throughput, and the target's
 * per-second CPU where a target host sampled it, each tested for a trend and for its spread (see {@link #METHOD}).
 * {@code unsteady} when either series drifted by more than {@link #DRIFT_LIMIT} between its first and last thirds with
 * a significant Mann-Kendall trend; {@code reason} then says which and by how much, and a verdict against an SLO is
 * inconclusive rather than passed. Immutable.
 *
 * @param targetCpu {@code null} where no target host sampled the target, or it was too idle to judge
 */
public record Steadiness(
        boolean unsteady,
        @JsonInclude(JsonInclude.Include.ALWAYS) String reason,
        Series throughput,
        @JsonInclude(JsonInclude.Include.ALWAYS) Series targetCpu) {
    /** A series drifting by more than this share between its first and last thirds is not one steady state. */
    public static final double DRIFT_LIMIT = 0.05;

    /** A trend counts when the Mann-Kendall test's two-sided p-value is below this. */
    public static final double SIGNIFICANCE = 0.05;

    /** Fewer measured seconds than this are not judged (steadiness is then absent). */
    public static final int MIN_SECONDS = 5;

    /** How steadiness is judged, stored with the run's measurement notes. */
    public static final String METHOD = "per-second series of the measured window (merged requests/s over every"
            + " agent, the planned seconds only, so the last partial second of stragglers is left out; the target's"
            + " cores per second interpolated from its host's 500 ms CPU samples), averaged into at most 600 buckets;"
            + " trend = two-sided Mann-Kendall test (tie-corrected variance, continuity correction) with Sen's slope;"
            + " drift = (mean of the last third - mean of the first third) / mean of the first third; spread = the"
            + " coefficient of variation (sample standard deviation / mean); a series is unsteady when |drift| > 5 %"
            + " and the trend's p < 0.05; target CPU is judged only when it averaged at least 0.05 cores; fewer than 5"
            + " measured seconds are not judged";

    /**
     * One per-second series over the measured window.
     *
     * @param metric {@code requests/s} or {@code target cores}
     * @param seconds how many seconds were tested
     * @param mean the series' mean
     * @param cv its coefficient of variation (sample standard deviation / mean), 0 when the mean is 0
     * @param firstThird the mean of its first third
     * @param lastThird the mean of its last third
     * @param drift {@code (lastThird - firstThird) / firstThird}, signed
     * @param mannKendallZ the trend statistic, positive when rising
     * @param pValue the trend's two-sided p-value
     * @param senSlopePerSecond the median pairwise slope, in the metric's units per second
     * @param unsteady whether this series breaks the bound
     */
    public record Series(
            String metric,
            int seconds,
            double mean,
            double cv,
            double firstThird,
            double lastThird,
            double drift,
            double mannKendallZ,
            double pValue,
            double senSlopePerSecond,
            boolean unsteady) {}
}
