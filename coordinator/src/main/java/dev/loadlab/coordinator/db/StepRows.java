package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.AgentShare;
import dev.loadlab.coordinator.model.FailureMessage;
import dev.loadlab.coordinator.model.FlowView;
import dev.loadlab.coordinator.model.RequestRecord;
import dev.loadlab.coordinator.model.RequestView;
import dev.loadlab.coordinator.model.StageView;
import dev.loadlab.coordinator.model.StepHealth;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.steady.Steadiness;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * A step's rows: one in {@code steps}, one per request name in {@code step_requests}, one per agent in {@code
 * step_agents}, and its flows and stages through {@link FlowRows} and {@link StageRows}. Written from a {@link
 * StepRecord} (whose percentiles the merge already computed) and read back into {@link StepView}s by column name.
 * Statements on a connection the caller's transaction owns. Stateless.
 */
final class StepRows {
    private static final String STEP_COLUMNS = "run_id, step_index, status, agents, started_at, finished_at,"
            + " measured_from, measured_to, requests, errors, warmup_requests, throughput_rps, p50_ms, p90_ms, p99_ms,"
            + " p999_ms, max_ms, mean_ms, errors_by_kind, histogram, failure, profile, workers, target_cpu_cores,"
            + " target_usage, start_skew_ms, agents_lost, generator_bound, generator_reason, agent_cpu_share, repeat,"
            + " failure_messages, generator_rules, under_loaded, under_loaded_reason, steadiness";

    private StepRows() {}

    /** Inserts every row of {@code step}, its search outcome and probes included. */
    static void insert(Connection c, StepRecord step) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO steps (" + STEP_COLUMNS + ") VALUES (?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?,"
                + " ?::jsonb, ?::jsonb, ?, ?, ?::jsonb)")) {
            Binder b = new Binder(s);
            b.set(step.runId());
            b.setInt(step.index());
            b.set(step.status().name());
            b.setInt(step.agents().size());
            b.set(timestamp(step.startedAt()));
            b.set(timestamp(step.finishedAt()));
            b.set(timestamp(step.measuredFrom()));
            b.set(timestamp(step.measuredTo()));
            b.set(step.requests());
            b.set(step.errors());
            b.set(step.warmupRequests());
            b.set(step.throughputRps());
            b.latency(step.latencyMs());
            b.set(Json.write(step.errorsByKind()));
            b.set(HistogramCodec.toBytes(step.histogram()));
            b.set(step.failure());
            b.set(step.plan().profile());
            b.set(step.plan().workers(), Types.INTEGER);
            b.set(step.targetUsage() == null ? null : step.targetUsage().cpuCores(), Types.DOUBLE);
            b.set(step.targetUsage() == null ? null : Json.write(step.targetUsage()));
            StepHealth health = step.health();
            b.set(health.startSkewMs(), Types.BIGINT);
            b.set(Json.write(health.agentsLost()));
            b.set(health.generatorBound());
            b.set(health.generatorReason());
            b.set(health.agentCpuShare(), Types.DOUBLE);
            b.setInt(step.plan().repeat());
            b.set(Json.write(step.failureMessages()));
            b.set(Json.write(health.rules()));
            b.set(health.underLoaded());
            b.set(health.underLoadedReason());
            b.set(health.steadiness() == null ? null : Json.write(health.steadiness()));
            s.executeUpdate();
        }
        ProbeRows.updateStep(c, step.runId(), step.index(), step.search());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO step_requests (run_id, step_index, name,"
                + " requests, errors, p50_ms, p90_ms, p99_ms, p999_ms, max_ms, mean_ms, errors_by_kind, histogram,"
                + " failed_checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb)")) {
            for (RequestRecord request : step.byRequest()) {
                Binder b = new Binder(s);
                b.set(step.runId());
                b.setInt(step.index());
                b.set(request.name());
                b.set(request.requests());
                b.set(request.errors());
                b.latency(request.latencyMs());
                b.set(Json.write(request.errorsByKind()));
                b.set(HistogramCodec.toBytes(request.histogram()));
                b.set(Json.write(request.failedChecks()));
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO step_agents (run_id, step_index, agent_id,"
                + " users, rate, requests, errors, warmup_requests, failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AgentShare agent : step.agents()) {
                Binder b = new Binder(s);
                b.set(step.runId());
                b.setInt(step.index());
                b.set(agent.agentId());
                b.set(agent.users(), Types.INTEGER);
                b.set(agent.rate(), Types.DOUBLE);
                b.set(agent.requests());
                b.set(agent.errors());
                b.set(agent.warmupRequests());
                b.set(agent.failure());
                s.addBatch();
            }
            s.executeBatch();
        }
        FlowRows.insert(c, step.runId(), step.index(), step.flows());
        StageRows.insert(c, step.runId(), step.index(), step.stages());
    }

    /** Deletes a step's row; its request, agent, flow and stage rows go too (the schema cascades), not its probes. */
    static void delete(Connection c, UUID runId, int stepIndex) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM steps WHERE run_id = ? AND step_index = ?")) {
            s.setObject(1, runId);
            s.setInt(2, stepIndex);
            s.executeUpdate();
        }
    }

    static boolean exists(Connection c, UUID runId, int stepIndex) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM steps WHERE run_id = ? AND step_index = ?")) {
            s.setObject(1, runId);
            s.setInt(2, stepIndex);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Every stored step's merged latency histogram, by step index. */
    static SortedMap<Integer, Histogram> histograms(Connection c, UUID runId) throws SQLException {
        SortedMap<Integer, Histogram> histograms = new TreeMap<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT step_index, histogram FROM steps WHERE run_id = ? ORDER BY step_index")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] bytes = r.getBytes("histogram");
                    if (bytes != null) {
                        histograms.put(r.getInt("step_index"), HistogramCodec.fromBytes(bytes));
                    }
                }
            }
        }
        return histograms;
    }

    /**
     * Every stored step of a run, in order, as the API shows it, each stage beside {@code askedStages} (the scenario's
     * {@code load.stages}, null when not staged); {@code slo} is left for the engine to judge.
     */
    static List<StepView> views(Connection c, UUID runId, List<Stage> askedStages) throws SQLException {
        Map<Integer, List<Probe>> probes = ProbeRows.probesByStep(c, runId);
        Map<Integer, Map<String, RequestView>> byRequest = requests(c, runId);
        Map<Integer, List<AgentShare>> agents = agents(c, runId);
        Map<Integer, List<StageView>> stages = StageRows.byStep(c, runId);
        Map<Integer, List<FlowView>> flows = FlowRows.byStep(c, runId);
        List<StepView> steps = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + STEP_COLUMNS
                + ", knee_rate_rps, knee_probe, search_note, slo FROM steps WHERE run_id = ? ORDER BY step_index")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int index = r.getInt("step_index");
                    Instant from = instant(r, "measured_from");
                    Instant to = instant(r, "measured_to");
                    String usage = r.getString("target_usage");
                    double measured = seconds(from, to);
                    steps.add(new StepView(
                            index,
                            StepStatus.valueOf(r.getString("status")),
                            r.getString("profile"),
                            r.getObject("workers", Integer.class),
                            r.getInt("repeat"),
                            r.getObject("target_cpu_cores", Double.class),
                            r.getInt("agents"),
                            instant(r, "started_at"),
                            instant(r, "finished_at"),
                            from,
                            to,
                            measured,
                            r.getLong("requests"),
                            r.getLong("errors"),
                            r.getLong("warmup_requests"),
                            r.getDouble("throughput_rps"),
                            latency(r),
                            kinds(r.getString("errors_by_kind")),
                            byRequest.getOrDefault(index, Map.of()),
                            agents.getOrDefault(index, List.of()),
                            usage == null ? null : Json.read(usage, TargetUsage.class),
                            r.getObject("start_skew_ms", Long.class),
                            List.of(Json.read(r.getString("agents_lost"), String[].class)),
                            r.getBoolean("generator_bound"),
                            r.getString("generator_reason"),
                            r.getObject("agent_cpu_share", Double.class),
                            r.getString("failure"),
                            ProbeRows.outcome(r, probes.getOrDefault(index, List.of())),
                            null,
                            List.of(Json.read(r.getString("failure_messages"), FailureMessage[].class)),
                            flows.getOrDefault(index, List.of()).stream()
                                    .map(flow -> flow.over(measured))
                                    .toList(),
                            stages.getOrDefault(index, List.of()).stream()
                                    .map(stage -> stage.asked(asked(askedStages, stage.index())))
                                    .toList(),
                            List.of(Json.read(r.getString("generator_rules"), GeneratorRule[].class)),
                            r.getBoolean("under_loaded"),
                            r.getString("under_loaded_reason"),
                            steadiness(r.getString("steadiness"))));
                }
            }
        }
        return steps;
    }

    private static Steadiness steadiness(String json) {
        return json == null ? null : Json.read(json, Steadiness.class);
    }

    private static Stage asked(List<Stage> askedStages, int index) {
        return askedStages == null || index >= askedStages.size() ? null : askedStages.get(index);
    }

    private static Map<Integer, Map<String, RequestView>> requests(Connection c, UUID runId) throws SQLException {
        Map<Integer, Map<String, RequestView>> byRequest = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, name, requests, errors, p50_ms, p90_ms,"
                + " p99_ms, p999_ms, max_ms, mean_ms, errors_by_kind, failed_checks FROM step_requests WHERE run_id = ?"
                + " ORDER BY step_index, name")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byRequest
                            .computeIfAbsent(r.getInt("step_index"), i -> new LinkedHashMap<>())
                            .put(
                                    r.getString("name"),
                                    new RequestView(
                                            r.getLong("requests"),
                                            r.getLong("errors"),
                                            kinds(r.getString("errors_by_kind")),
                                            latency(r),
                                            kinds(r.getString("failed_checks"))));
                }
            }
        }
        return byRequest;
    }

    private static Map<Integer, List<AgentShare>> agents(Connection c, UUID runId) throws SQLException {
        Map<Integer, List<AgentShare>> agents = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, agent_id, users, rate, requests, errors,"
                + " warmup_requests, failure FROM step_agents WHERE run_id = ? ORDER BY step_index, agent_id")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    agents.computeIfAbsent(r.getInt("step_index"), i -> new ArrayList<>())
                            .add(new AgentShare(
                                    r.getString("agent_id"),
                                    r.getObject("users", Integer.class),
                                    r.getObject("rate", Double.class),
                                    r.getLong("requests"),
                                    r.getLong("errors"),
                                    r.getLong("warmup_requests"),
                                    r.getString("failure")));
                }
            }
        }
        return agents;
    }

    /** The measured window's length in seconds, to 10 ms; 0 without a window. */
    private static double seconds(Instant from, Instant to) {
        return from == null || to == null
                ? 0
                : Math.round(Duration.between(from, to).toMillis() / 10.0) / 100.0;
    }

    private static LatencyMs latency(ResultSet r) throws SQLException {
        return new LatencyMs(
                r.getLong("p50_ms"),
                r.getLong("p90_ms"),
                r.getLong("p99_ms"),
                r.getLong("p999_ms"),
                r.getLong("max_ms"),
                r.getDouble("mean_ms"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Long> kinds(String json) {
        Map<String, Number> raw = Json.read(json, Map.class);
        Map<String, Long> kinds = new LinkedHashMap<>();
        raw.forEach((k, v) -> kinds.put(k, v.longValue()));
        return kinds;
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
