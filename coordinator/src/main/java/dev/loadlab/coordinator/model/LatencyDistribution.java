package dev.loadlab.coordinator.model;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One stored step's latency distribution: HdrHistogram's percentile iteration over the step's merged histogram (the
 * one its percentiles were computed from), as {@code Histogram.outputPercentileDistribution} prints it, but as data:
 * each point is a latency in whole milliseconds (as Gatling measures them, so {@code unit} is always {@value #UNIT})
 * and the share of responses at or below it. The points get denser towards the tail ({@code ticksPerHalfDistance}
 * per halving of the distance to 100 %), so a percentile plot on a log "1 - p" axis has points all along it.
 * Immutable.
 */
public record LatencyDistribution(
        String runId,
        int stepIndex,
        String unit,
        long totalCount,
        long maxMs,
        double meanMs,
        int ticksPerHalfDistance,
        List<Point> percentiles) {

    public static final String UNIT = "ms";

    /** HdrHistogram's own default for its percentile output. */
    public static final int DEFAULT_TICKS_PER_HALF_DISTANCE = 5;

    public LatencyDistribution {
        percentiles = List.copyOf(percentiles);
    }

    /**
     * One step of the iteration: {@code percentile} in percent (0..100), {@code valueMs} the highest latency in the
     * histogram's bucket reached there, {@code count} the responses at or below it.
     */
    public record Point(double percentile, long valueMs, long count) {}

    /** The distribution of {@code histogram} (values in milliseconds); an empty histogram has no points. */
    public static LatencyDistribution of(String runId, int stepIndex, Histogram histogram) {
        List<Point> points = new ArrayList<>();
        if (histogram.getTotalCount() > 0) {
            for (HistogramIterationValue v : histogram.percentiles(DEFAULT_TICKS_PER_HALF_DISTANCE)) {
                points.add(new Point(
                        v.getPercentileLevelIteratedTo(),
                        histogram.highestEquivalentValue(v.getValueIteratedTo()),
                        v.getTotalCountToThisValue()));
            }
        }
        return new LatencyDistribution(
                runId,
                stepIndex,
                UNIT,
                histogram.getTotalCount(),
                histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue(),
                histogram.getTotalCount() == 0 ? 0 : Math.round(histogram.getMean() * 1000) / 1000.0,
                DEFAULT_TICKS_PER_HALF_DISTANCE,
                points);
    }
}
