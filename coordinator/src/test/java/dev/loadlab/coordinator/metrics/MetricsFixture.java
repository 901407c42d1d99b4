package dev.loadlab.coordinator.metrics;

import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Merged seconds as the engine hands them to the metrics, for the tests. */
final class MetricsFixture {
    private MetricsFixture() {}

    /** A second in which {@code name} had {@code requests} responses, {@code errors} of them errors, each {@code ms}. */
    static TimelinePoint second(long second, String name, long requests, long errors) {
        return new TimelinePoint(
                second,
                false,
                requests,
                errors,
                Map.of(),
                LatencyMs.of(HistogramCodec.newHistogram()),
                new TreeMap<>(Map.of(name, new TimelinePoint.NameCount(requests, errors))),
                Map.of(),
                false,
                null);
    }

    /** A latency histogram with {@code count} values of {@code ms} milliseconds. */
    static Histogram latency(long ms, long count) {
        Histogram histogram = HistogramCodec.newHistogram();
        histogram.recordValueWithCount(ms, count);
        return histogram;
    }
}
