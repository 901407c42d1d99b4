package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import org.HdrHistogram.Histogram;

/**
 * One flow's merged result within a step: iterations completed in the measured window and those with an error
 * ({@code failed}), summed over agents, with the exactly merged histogram of iteration durations (ms, think time
 * included) and the percentiles computed once from it. Not thread-safe (histogram).
 */
public record FlowRecord(String name, long completed, long failed, Histogram histogram, LatencyMs latencyMs) {
    /** A record whose percentiles are computed here, from the merged {@code histogram}. */
    public FlowRecord(String name, long completed, long failed, Histogram histogram) {
        this(name, completed, failed, histogram, LatencyMs.of(histogram));
    }
}
