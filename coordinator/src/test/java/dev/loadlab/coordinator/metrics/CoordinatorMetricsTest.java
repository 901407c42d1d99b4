package dev.loadlab.coordinator.metrics;

import static dev.loadlab.coordinator.metrics.MetricsFixture.latency;
import static dev.loadlab.coordinator.metrics.MetricsFixture.second;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunTally;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StorageException;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CoordinatorMetricsTest {
    private final AtomicReference<List<RunTally.RunCount>> stored = new AtomicReference<>(List.of());
    private final CoordinatorMetrics metrics = new CoordinatorMetrics(this::countRuns, new AgentRegistry(), () -> 3);

    private List<RunTally.RunCount> countRuns() {
        List<RunTally.RunCount> counts = stored.get();
        if (counts == null) {
            throw new StorageException(new SQLException("the database is down"));
        }
        return counts;
    }

    @Test
    void runsAreCountedByStatusAndVerdictFromTheStoreWithEveryStatusAndVerdictPresent() {
        stored.set(List.of(
                new RunTally.RunCount(RunStatus.SUCCEEDED, "passed", 2),
                new RunTally.RunCount(RunStatus.SUCCEEDED, "inconclusive", 1),
                new RunTally.RunCount(RunStatus.FAILED, "inconclusive", 4),
                new RunTally.RunCount(RunStatus.RUNNING, null, 1)));

        assertThat(gauge(MetricNames.RUNS, "status"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("queued", 0.0, "running", 1.0, "succeeded", 3.0, "failed", 4.0, "cancelled", 0.0));
        assertThat(gauge(MetricNames.RUNS_BY_VERDICT, "verdict"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("passed", 2.0, "failed", 0.0, "inconclusive", 5.0));
        assertThat(gauge(MetricNames.QUEUE_LENGTH, null)).containsExactly(Map.entry("", 3.0));
        assertThat(gauge(MetricNames.AGENTS, "state"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("idle", 0.0, "busy", 0.0, "refused", 0.0));
    }

    @Test
    void aStoreThatCannotBeReadCountsAStorageErrorAndShowsZeros() {
        stored.set(null);

        assertThat(gauge(MetricNames.RUNS, "status")).containsEntry("succeeded", 0.0);
        CounterSnapshot errors = (CounterSnapshot) family("loadlab_storage_errors");
        assertThat(errors.getDataPoints())
                .anySatisfy(p -> assertThat(p.getLabels().get("operation")).isEqualTo("count runs"));
    }

    @Test
    void storageFailuresAreCountedByOperation() {
        metrics.storageFailed("store a step");
        metrics.storageFailed("store a step");
        metrics.storageFailed("mark a run running");

        CounterSnapshot errors = (CounterSnapshot) family("loadlab_storage_errors");
        Map<String, Double> byOperation = new TreeMap<>();
        errors.getDataPoints().forEach(p -> byOperation.put(p.getLabels().get("operation"), p.getValue()));
        assertThat(byOperation).isEqualTo(Map.of("store a step", 2.0, "mark a run running", 1.0));
    }

    @Test
    void stepDurationsAreObservedInSecondsByStatus() {
        metrics.stepFinished(StepStatus.SUCCEEDED, Duration.ofMillis(12_500));
        metrics.stepFinished(StepStatus.FAILED, Duration.ofSeconds(2));

        HistogramSnapshot steps = (HistogramSnapshot) family(MetricNames.STEP_DURATION);
        HistogramSnapshot.HistogramDataPointSnapshot succeeded = steps.getDataPoints().stream()
                .filter(p -> p.getLabels().get("status").equals("succeeded"))
                .findFirst()
                .orElseThrow();
        assertThat(succeeded.getCount()).isEqualTo(1);
        assertThat(succeeded.getSum()).isEqualTo(12.5);
    }

    @Test
    void aLiveSecondIsObservedPerRequestNameAndEveryResponsesLatencyCounts() {
        UUID run = UUID.randomUUID();
        metrics.liveSecond(run, "shop", second(1, "home", 120, 3), Map.of("home", latency(20, 120)));
        metrics.liveSecond(run, "shop", second(2, "home", 80, 0), Map.of("home", latency(40, 80)));

        HistogramSnapshot.HistogramDataPointSnapshot throughput = only(MetricNames.LIVE_THROUGHPUT);
        assertThat(throughput.getLabels().get("run")).isEqualTo(run.toString());
        assertThat(throughput.getLabels().get("scenario")).isEqualTo("shop");
        assertThat(throughput.getLabels().get("request")).isEqualTo("home");
        assertThat(throughput.getCount()).as("one observation per second").isEqualTo(2);
        assertThat(throughput.getSum()).isEqualTo(200);
        assertThat(only(MetricNames.LIVE_ERRORS).getSum()).isEqualTo(3);
        HistogramSnapshot.HistogramDataPointSnapshot latency = only(MetricNames.LIVE_LATENCY);
        assertThat(latency.getCount()).as("one observation per response").isEqualTo(200);
        // HdrHistogram keeps 3 significant digits: 20 and 40 ms are exact.
        assertThat(latency.getSum()).isCloseTo(120 * 0.020 + 80 * 0.040, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(gauge(MetricNames.LIVE_RUNS, null)).containsExactly(Map.entry("", 1.0));
    }

    @Test
    void aRunsLiveSeriesAreDroppedWhenItEndsAndAnotherRunsStay() {
        UUID ended = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        metrics.liveSecond(ended, "a", second(1, "x", 10, 0), Map.of("x", latency(5, 10)));
        metrics.liveSecond(ended, "a", second(1, "y", 10, 0), Map.of("y", latency(5, 10)));
        metrics.liveSecond(running, "b", second(1, "x", 10, 0), Map.of("x", latency(5, 10)));

        metrics.runEnded(ended);
        metrics.runEnded(UUID.randomUUID());

        for (String name : List.of(MetricNames.LIVE_THROUGHPUT, MetricNames.LIVE_ERRORS, MetricNames.LIVE_LATENCY)) {
            assertThat(((HistogramSnapshot) family(name)).getDataPoints())
                    .as(name)
                    .extracting(p -> p.getLabels().get("run"))
                    .containsExactly(running.toString());
        }
        assertThat(gauge(MetricNames.LIVE_RUNS, null)).containsExactly(Map.entry("", 1.0));
        assertThat(new String(metrics.scrape(), StandardCharsets.UTF_8)).doesNotContain(ended.toString());
    }

    @Test
    void aSecondWithoutAHistogramForANameStillCountsItsResponses() {
        metrics.liveSecond(UUID.randomUUID(), "s", second(1, "x", 7, 7), Map.of());

        assertThat(only(MetricNames.LIVE_THROUGHPUT).getSum()).isEqualTo(7);
        assertThat(((HistogramSnapshot) family(MetricNames.LIVE_LATENCY)).getDataPoints())
                .isEmpty();
    }

    private HistogramSnapshot.HistogramDataPointSnapshot only(String name) {
        List<HistogramSnapshot.HistogramDataPointSnapshot> points = ((HistogramSnapshot) family(name)).getDataPoints();
        assertThat(points).as(name).hasSize(1);
        return points.getFirst();
    }

    private Map<String, Double> gauge(String name, String label) {
        GaugeSnapshot gauge = (GaugeSnapshot) family(name);
        Function<DataPointSnapshot, String> key =
                p -> label == null ? "" : p.getLabels().get(label);
        Map<String, Double> values = new TreeMap<>();
        gauge.getDataPoints().forEach(p -> values.put(key.apply(p), p.getValue()));
        return values;
    }

    private MetricSnapshot family(String name) {
        return metrics.snapshots().stream()
                .filter(s -> s.getMetadata().getPrometheusName().equals(name)
                        || s.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }
}
