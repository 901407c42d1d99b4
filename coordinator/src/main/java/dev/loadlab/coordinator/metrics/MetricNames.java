package dev.loadlab.coordinator.metrics;

import java.util.List;

/**
 * Every metric family the coordinator exposes on {@code GET /metrics}, as Prometheus names them (counters end in
 * {@code _total}; a histogram's series add {@code _bucket}, {@code _sum} and {@code _count}). The Grafana dashboard
 * queries these names and a test checks it does.
 */
public final class MetricNames {
    public static final String RUNS = "loadlab_runs";
    public static final String RUNS_BY_VERDICT = "loadlab_runs_by_verdict";
    public static final String QUEUE_LENGTH = "loadlab_queue_length";
    public static final String AGENTS = "loadlab_agents";
    public static final String STEP_DURATION = "loadlab_step_duration_seconds";
    public static final String STORAGE_ERRORS = "loadlab_storage_errors_total";
    public static final String LIVE_THROUGHPUT = "loadlab_live_throughput_rps";
    public static final String LIVE_ERRORS = "loadlab_live_errors_per_second";
    public static final String LIVE_LATENCY = "loadlab_live_latency_seconds";
    public static final String LIVE_RUNS = "loadlab_live_runs";

    /** The families, in the order above. */
    public static final List<String> ALL = List.of(
            RUNS,
            RUNS_BY_VERDICT,
            QUEUE_LENGTH,
            AGENTS,
            STEP_DURATION,
            STORAGE_ERRORS,
            LIVE_THROUGHPUT,
            LIVE_ERRORS,
            LIVE_LATENCY,
            LIVE_RUNS);

    private MetricNames() {}
}
