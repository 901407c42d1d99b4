package dev.loadlab.coordinator.metrics;

import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.agents.AgentState;
import dev.loadlab.coordinator.agents.AgentView;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunTally;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.coordinator.runs.RunObserver;
import dev.loadlab.coordinator.search.SloVerdict;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's metrics registry and its text exposition. Runs by status and by verdict are read from the store at
 * each scrape (so they count every run ever stored, across restarts); the queue and the agents are read from the
 * engine; step durations and storage errors are counted as they happen; live runs' per-second histograms are kept by
 * {@link LiveRunMetrics}. {@link #scrape()} reads the database: call it off the event loop. Thread-safe.
 */
public final class CoordinatorMetrics implements RunObserver {
    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorMetrics.class);
    private static final List<String> VERDICTS =
            List.of(SloVerdict.Outcome.PASSED, SloVerdict.Outcome.FAILED, SloVerdict.Outcome.INCONCLUSIVE).stream()
                    .map(o -> o.name().toLowerCase(Locale.ROOT))
                    .toList();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram stepDuration;
    private final Counter storageErrors;
    private final LiveRunMetrics live;

    /**
     * @param tally the stored runs, counted at each scrape
     * @param agents the agents known now
     * @param queueLength how many runs wait for agents now
     */
    public CoordinatorMetrics(RunTally tally, AgentRegistry agents, IntSupplier queueLength) {
        storageErrors = Counter.builder()
                .name(MetricNames.STORAGE_ERRORS)
                .help("Database reads and writes that failed, by what the coordinator was doing")
                .labelNames("operation")
                .register(registry);
        GaugeWithCallback.builder()
                .name(MetricNames.RUNS)
                .help("Stored runs by status")
                .labelNames("status")
                .callback(cb -> runsByStatus(tally).forEach((status, n) -> cb.call(n, status)))
                .register(registry);
        GaugeWithCallback.builder()
                .name(MetricNames.RUNS_BY_VERDICT)
                .help("Ended runs by verdict (passed, failed, inconclusive)")
                .labelNames("verdict")
                .callback(cb -> runsByVerdict(tally).forEach((verdict, n) -> cb.call(n, verdict)))
                .register(registry);
        GaugeWithCallback.builder()
                .name(MetricNames.QUEUE_LENGTH)
                .help("Runs waiting in the queue for idle agents")
                .callback(cb -> cb.call(queueLength.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder()
                .name(MetricNames.AGENTS)
                .help("Registered agents by state")
                .labelNames("state")
                .callback(cb -> agentsByState(agents.list()).forEach((state, n) -> cb.call(n, state)))
                .register(registry);
        stepDuration = Histogram.builder()
                .name(MetricNames.STEP_DURATION)
                .help("Wall-clock time of finished steps, from start to end, by the step's status")
                .unit(Unit.SECONDS)
                .labelNames("status")
                .classicOnly()
                .classicUpperBounds(1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14_400)
                .register(registry);
        live = new LiveRunMetrics(registry);
        GaugeWithCallback.builder()
                .name(MetricNames.LIVE_RUNS)
                .help("Runs whose live per-second series are exposed now")
                .callback(cb -> cb.call(live.liveRuns()))
                .register(registry);
    }

    /** Every metric in the Prometheus text format; reads the store, so off the event loop. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What {@link #scrape()} writes, as the client library's snapshots. */
    MetricSnapshots snapshots() {
        return registry.scrape();
    }

    @Override
    public void liveSecond(
            UUID runId, String scenario, TimelinePoint point, Map<String, org.HdrHistogram.Histogram> latencyByName) {
        live.second(runId, scenario, point, latencyByName);
    }

    @Override
    public void stepStored(StepRecord record) {
        if (record.startedAt() != null && record.finishedAt() != null) {
            stepFinished(record.status(), Duration.between(record.startedAt(), record.finishedAt()));
        }
    }

    void stepFinished(StepStatus status, Duration took) {
        stepDuration.labelValues(status.name().toLowerCase(Locale.ROOT)).observe(Math.max(0, took.toNanos() / 1e9));
    }

    @Override
    public void storageFailed(String operation) {
        storageErrors.labelValues(operation).inc();
    }

    @Override
    public void runEnded(UUID runId) {
        live.drop(runId);
    }

    private Map<String, Long> runsByStatus(RunTally tally) {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        for (RunStatus status : RunStatus.values()) {
            counts.put(status, 0L);
        }
        countRuns(tally).forEach(c -> counts.merge(c.status(), c.runs(), Long::sum));
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((status, n) -> named.put(status.name().toLowerCase(Locale.ROOT), n));
        return named;
    }

    private Map<String, Long> runsByVerdict(RunTally tally) {
        Map<String, Long> counts = new LinkedHashMap<>();
        VERDICTS.forEach(v -> counts.put(v, 0L));
        countRuns(tally).stream()
                .filter(c -> c.verdict() != null)
                .forEach(c -> counts.merge(c.verdict(), c.runs(), Long::sum));
        return counts;
    }

    /** The store's counts; none (and one storage error counted) when it cannot be read. */
    private List<RunTally.RunCount> countRuns(RunTally tally) {
        try {
            return tally.countRuns();
        } catch (StorageException e) {
            storageFailed("count runs");
            LOG.warn("cannot count runs for the metrics", e);
            return List.of();
        }
    }

    static Map<String, Long> agentsByState(List<AgentView> agents) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (AgentState state : AgentState.values()) {
            counts.put(state.name().toLowerCase(Locale.ROOT), 0L);
        }
        agents.forEach(a -> counts.merge(a.state().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        return counts;
    }
}
