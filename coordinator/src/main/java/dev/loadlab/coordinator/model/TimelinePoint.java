package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import java.util.Map;

/**
 * One second of a step, merged across its agents: responses completed in that second (so {@code requests} is also the
 * second's requests/s), errors, latency percentiles from the second's merged histogram, per-name counts, and each
 * agent's CPU share for the second. {@code second} counts from the step's start; warm-up seconds are flagged.
 * Immutable.
 */
public record TimelinePoint(
        long second,
        boolean warmup,
        long requests,
        long errors,
        Map<String, Long> errorsByKind,
        LatencyMs latencyMs,
        Map<String, NameCount> byRequest,
        Map<String, Double> agentCpuShare,
        boolean behindSchedule,
        Integer probe) {

    /** Requests and errors of one request name in one second. */
    public record NameCount(long requests, long errors) {}
}
