package dev.loadlab.coordinator.metrics;

import dev.loadlab.coordinator.model.TimelinePoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Each live run's per-second figures as histograms labelled {@code run}, {@code scenario} and {@code request}: the
 * merged second's responses and errors (one observation per second) and every response's latency (from the merged
 * HdrHistogram, each recorded value observed as often as it was recorded). Percentiles are left to PromQL's
 * {@code histogram_quantile}. A run's label sets are dropped when it ends ({@link #drop}), so the series at any time
 * are those of the runs in flight. Written on the scheduler's thread, scraped from any; thread-safe.
 */
final class LiveRunMetrics {
    private static final String[] LABELS = {"run", "scenario", "request"};

    private final Histogram throughput;
    private final Histogram errors;
    private final Histogram latency;
    private final Map<UUID, Set<List<String>>> labelSets = new ConcurrentHashMap<>();

    LiveRunMetrics(PrometheusRegistry registry) {
        throughput = Histogram.builder()
                .name(MetricNames.LIVE_THROUGHPUT)
                .help("Responses per second of a live run's request, one observation per merged second")
                .labelNames(LABELS)
                .classicOnly()
                .classicExponentialUpperBounds(1, 2, 20)
                .register(registry);
        errors = Histogram.builder()
                .name(MetricNames.LIVE_ERRORS)
                .help("Errors per second of a live run's request, one observation per merged second")
                .labelNames(LABELS)
                .classicOnly()
                .classicUpperBounds(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)
                .register(registry);
        latency = Histogram.builder()
                .name(MetricNames.LIVE_LATENCY)
                .help("Response time of a live run's request, every response of every merged second")
                .unit(Unit.SECONDS)
                .labelNames(LABELS)
                .classicOnly()
                .classicUpperBounds(
                        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600)
                .register(registry);
    }

    /** One merged second of a live run: its counts by request name and each name's latency in milliseconds. */
    void second(
            UUID runId, String scenario, TimelinePoint point, Map<String, org.HdrHistogram.Histogram> latencyByName) {
        Set<List<String>> seen = labelSets.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet());
        point.byRequest().forEach((name, counts) -> {
            String[] labels = {runId.toString(), scenario, name};
            seen.add(List.of(labels));
            throughput.labelValues(labels).observe(counts.requests());
            errors.labelValues(labels).observe(counts.errors());
            org.HdrHistogram.Histogram ms = latencyByName.get(name);
            if (ms != null) {
                observeAll(latency, labels, ms);
            }
        });
    }

    /** The run ended: its series go, so that the label sets stay those of the runs in flight. */
    void drop(UUID runId) {
        Set<List<String>> seen = labelSets.remove(runId);
        if (seen == null) {
            return;
        }
        for (List<String> labels : new HashSet<>(seen)) {
            String[] values = labels.toArray(String[]::new);
            throughput.remove(values);
            errors.remove(values);
            latency.remove(values);
        }
    }

    /** How many runs have live series now. */
    int liveRuns() {
        return labelSets.size();
    }

    private static void observeAll(Histogram into, String[] labels, org.HdrHistogram.Histogram ms) {
        var point = into.labelValues(labels);
        for (HistogramIterationValue value : ms.recordedValues()) {
            double seconds = ms.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0;
            for (long i = 0; i < value.getCountAtValueIteratedTo(); i++) {
                point.observe(seconds);
            }
        }
    }
}
