package dev.loadlab.coordinator.compare;

/**
 * One metric of a matched step on both sides: {@code delta = candidate - baseline} and {@code deltaPercent} relative to
 * the baseline (absent when the baseline is 0). Immutable.
 */
public record MetricDelta(double baseline, double candidate, double delta, Double deltaPercent) {
    /** The delta of two values, rounded to {@code digits} decimals (the percentage to 2). */
    static MetricDelta of(double baseline, double candidate, int digits) {
        Double percent = baseline == 0 ? null : round((candidate - baseline) / baseline * 100, 2);
        return new MetricDelta(
                round(baseline, digits), round(candidate, digits), round(candidate - baseline, digits), percent);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
