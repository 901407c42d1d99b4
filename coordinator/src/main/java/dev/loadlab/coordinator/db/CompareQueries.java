package dev.loadlab.coordinator.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.coordinator.model.RunHistory;
import dev.loadlab.coordinator.model.RunRef;
import dev.loadlab.coordinator.model.RunSteps;
import dev.loadlab.coordinator.model.StepMetrics;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.coordinator.model.TrendMetric;
import dev.loadlab.coordinator.model.TrendPoint;
import dev.loadlab.protocol.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The reads behind comparisons and trends. Each public method is one transaction, so a run is read as one consistent
 * snapshot. Thread-safe (the pool is). Throws {@link StorageException} when PostgreSQL fails.
 */
public final class CompareQueries implements RunHistory {
    private static final ObjectMapper JSON = Json.lenient();
    private static final TypeReference<Map<String, TimelinePoint.NameCount>> BY_REQUEST = new TypeReference<>() {};

    private final DataSource dataSource;

    public CompareQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record StepRow(
            int index,
            String status,
            boolean generatorBound,
            String profile,
            Integer workers,
            int repeat,
            double throughputRps,
            long requests,
            long errors,
            long p50Ms,
            long p99Ms,
            double windowSeconds) {}

    private record RequestRow(String name, long requests, long errors, long p50Ms, long p99Ms) {}

    /** The run with its steps, or empty when no run has this id. */
    @Override
    public Optional<RunSteps> runSteps(UUID runId) {
        return transaction(c -> {
            RunRef run;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, name, status, submitted_at FROM runs WHERE id = ?")) {
                s.setObject(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    run = new RunRef(
                            r.getObject(1, UUID.class).toString(),
                            r.getString(2),
                            r.getString(3),
                            r.getTimestamp(4).toInstant());
                }
            }
            List<StepRow> rows = steps(c, runId);
            Map<Integer, List<RequestRow>> requests = requests(c, runId);
            Map<Integer, List<Double>> totals = new HashMap<>();
            Map<Integer, Map<String, List<Double>>> byName = new HashMap<>();
            samples(c, runId, totals, byName);
            List<StepMetrics> metrics = new ArrayList<>();
            for (StepRow row : rows) {
                metrics.add(metrics(
                        row,
                        StepMetrics.ALL,
                        row.throughputRps(),
                        row.requests(),
                        row.errors(),
                        row.p50Ms(),
                        row.p99Ms(),
                        totals.getOrDefault(row.index(), List.of())));
                Map<String, List<Double>> named = byName.getOrDefault(row.index(), Map.of());
                for (RequestRow request : requests.getOrDefault(row.index(), List.of())) {
                    // Measured responses over the measured window, as the step's own throughput is computed.
                    double throughput = row.windowSeconds() <= 0
                            ? 0
                            : Math.round(request.requests() / row.windowSeconds() * 10) / 10.0;
                    metrics.add(metrics(
                            row,
                            request.name(),
                            throughput,
                            request.requests(),
                            request.errors(),
                            request.p50Ms(),
                            request.p99Ms(),
                            named.getOrDefault(request.name(), List.of())));
                }
            }
            return Optional.of(new RunSteps(run, metrics));
        });
    }

    /**
     * The most recent {@code limit} runs of scenario {@code name} that stored a step of the given shape (profile and
     * workers, both null for a plain run), oldest first, with {@code metric} of the run's first such step.
     */
    @Override
    public List<TrendPoint> trend(String name, TrendMetric metric, String profile, Integer workers, int limit) {
        String shape = profile == null ? "s.profile IS NULL AND s.workers IS NULL" : "s.profile = ? AND s.workers = ?";
        String sql = "SELECT run_id, submitted_at, status, value FROM (SELECT DISTINCT ON (r.seq) r.id AS run_id,"
                + " r.seq, r.submitted_at, r.status, " + sql(metric) + " AS value FROM runs r JOIN steps s"
                + " ON s.run_id = r.id WHERE r.name = ? AND " + shape + " ORDER BY r.seq, s.step_index) t"
                + " ORDER BY submitted_at DESC, seq DESC LIMIT ?";
        return transaction(c -> {
            List<TrendPoint> points = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, name);
                if (profile != null) {
                    s.setString(i++, profile);
                    s.setInt(i++, workers);
                }
                s.setInt(i, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        points.add(new TrendPoint(
                                r.getObject(1, UUID.class).toString(),
                                r.getTimestamp(2).toInstant(),
                                r.getDouble(4),
                                r.getString(3)));
                    }
                }
            }
            Collections.reverse(points);
            return points;
        });
    }

    private static List<StepRow> steps(Connection c, UUID runId) throws SQLException {
        List<StepRow> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, status, generator_bound, profile, workers,"
                + " throughput_rps, requests, errors, p50_ms, p99_ms, measured_from, measured_to FROM steps"
                + " WHERE run_id = ? ORDER BY step_index")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String profile = r.getString(4);
                    Integer workers = r.getObject(5, Integer.class);
                    int repeat = seen.merge(profile + "\u0000" + workers, 1, Integer::sum) - 1;
                    Timestamp from = r.getTimestamp(11);
                    Timestamp to = r.getTimestamp(12);
                    double window = from == null || to == null
                            ? 0
                            : Duration.between(from.toInstant(), to.toInstant()).toNanos() / 1e9;
                    rows.add(new StepRow(
                            r.getInt(1),
                            r.getString(2),
                            r.getBoolean(3),
                            profile,
                            workers,
                            repeat,
                            r.getDouble(6),
                            r.getLong(7),
                            r.getLong(8),
                            r.getLong(9),
                            r.getLong(10),
                            window));
                }
            }
        }
        return rows;
    }

    /** Per-second throughput of each step's measured seconds: totals, and per request name (0 when a name is absent). */
    private static void samples(
            Connection c, UUID runId, Map<Integer, List<Double>> totals, Map<Integer, Map<String, List<Double>>> byName)
            throws SQLException {
        Map<Integer, List<Map<String, TimelinePoint.NameCount>>> names = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, requests, by_request FROM step_intervals"
                + " WHERE run_id = ? AND NOT warmup ORDER BY step_index, second")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int index = r.getInt(1);
                    totals.computeIfAbsent(index, i -> new ArrayList<>()).add((double) r.getLong(2));
                    names.computeIfAbsent(index, i -> new ArrayList<>())
                            .add(JSON.readValue(r.getString(3), BY_REQUEST));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored step_intervals.by_request is not the JSON this code writes", e);
        }
        names.forEach((index, seconds) -> {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            seconds.forEach(second -> second.keySet().forEach(n -> series.putIfAbsent(n, new ArrayList<>())));
            for (Map<String, TimelinePoint.NameCount> second : seconds) {
                series.forEach((n, values) -> {
                    TimelinePoint.NameCount count = second.get(n);
                    values.add(count == null ? 0.0 : count.requests());
                });
            }
            byName.put(index, series);
        });
    }

    /** Each step's stored request names (measured responses, errors, percentiles), by step index, in name order. */
    private static Map<Integer, List<RequestRow>> requests(Connection c, UUID runId) throws SQLException {
        Map<Integer, List<RequestRow>> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, name, requests, errors, p50_ms, p99_ms"
                + " FROM step_requests WHERE run_id = ? ORDER BY step_index, name")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.computeIfAbsent(r.getInt(1), i -> new ArrayList<>())
                            .add(new RequestRow(
                                    r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)));
                }
            }
        }
        return rows;
    }

    private static StepMetrics metrics(
            StepRow row,
            String request,
            double throughput,
            long requests,
            long errors,
            long p50,
            long p99,
            List<Double> samples) {
        return new StepMetrics(
                row.index(),
                row.status(),
                row.generatorBound(),
                row.profile(),
                row.workers(),
                row.repeat(),
                request,
                throughput,
                p50,
                p99,
                requests == 0 ? 0 : (double) errors / requests,
                samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The SQL expression over {@code steps s} a metric is read from: a constant, never built from input. */
    private static String sql(TrendMetric metric) {
        return switch (metric) {
            case THROUGHPUT -> "s.throughput_rps";
            case P50 -> "s.p50_ms";
            case P99 -> "s.p99_ms";
            case ERROR_RATE -> "CASE WHEN s.requests = 0 THEN 0 ELSE s.errors::float8 / s.requests END";
        };
    }

    private <T> T transaction(Transactions.Work<T> work) {
        return Transactions.read(dataSource, work);
    }
}
