package dev.loadlab.protocol.result;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, computed once from one (possibly merged) histogram. Gatling measures whole
 * milliseconds, so these are exact to 1 ms; {@code mean} is the histogram's mean. Immutable.
 */
public record LatencyMs(long p50, long p90, long p99, long p999, long max, double mean) {
    public static final LatencyMs EMPTY = new LatencyMs(0, 0, 0, 0, 0, 0);

    public static LatencyMs of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyMs(
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                Math.round(histogram.getMean() * 100) / 100.0);
    }
}
