package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import org.HdrHistogram.Histogram;

/**
 * One load stage's merged share of a step's measured window: the measured seconds that started in it (the longest any
 * agent reported: agents share one clock and one schedule), responses and errors summed over agents and request
 * names, and the exactly merged histogram with its percentiles. {@code throughputRps} is responses divided by
 * {@code seconds}. Not thread-safe (histogram).
 */
public record StageRecord(
        int index, long seconds, long requests, long errors, Histogram histogram, LatencyMs latencyMs) {
    /** A record whose percentiles are computed here, from the merged {@code histogram}. */
    public StageRecord(int index, long seconds, long requests, long errors, Histogram histogram) {
        this(index, seconds, requests, errors, histogram, LatencyMs.of(histogram));
    }

    /** Responses per measured second of the stage, to 0.1; 0 for a stage without measured seconds. */
    public double throughputRps() {
        return seconds <= 0 ? 0 : Math.round(requests * 10.0 / seconds) / 10.0;
    }
}
