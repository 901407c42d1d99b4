package dev.loadlab.protocol.scenario;

/**
 * A service-level objective a step must meet: the 99th percentile of response time at most {@code p99Ms}
 * milliseconds, and at most {@code errorRate} (0 to 1) of the responses errors. The max-throughput search looks for
 * the highest arrival rate that meets both. Immutable.
 */
public record Slo(Long p99Ms, Double errorRate) {}
