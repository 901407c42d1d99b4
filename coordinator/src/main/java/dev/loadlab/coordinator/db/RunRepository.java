package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.AgentShare;
import dev.loadlab.coordinator.model.RequestRecord;
import dev.loadlab.coordinator.model.RequestView;
import dev.loadlab.coordinator.model.RunCursor;
import dev.loadlab.coordinator.model.RunFilter;
import dev.loadlab.coordinator.model.RunPage;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunSummary;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.ScalingSeries;
import dev.loadlab.coordinator.model.StepHealth;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.search.Measured;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
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
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Every read and write of runs and results. Each public method is one transaction. Thread-safe (the pool is).
 * Throws {@link StorageException} when PostgreSQL fails, so callers can tell storage faults from bad input.
 */
public final class RunRepository {
    private static final String SUMMARY = "SELECT id, name, status, submitted_at, started_at, finished_at, failure,"
            + " scenario_version, labels, seq";

    private final DataSource dataSource;

    public RunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A run waiting to be scheduled, as the scheduler needs it. */
    public record PendingRun(UUID id, Scenario scenario, Instant submittedAt) {}

    /** Stores a new QUEUED run with its labels and, when started from a saved scenario, the version it ran. */
    public void insertRun(
            UUID id, Scenario scenario, Integer scenarioVersion, Map<String, String> labels, Instant submittedAt) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, name, status, scenario, submitted_at,"
                    + " scenario_version, labels) VALUES (?, ?, 'QUEUED', ?::jsonb, ?, ?, ?::jsonb)")) {
                s.setObject(1, id);
                s.setString(2, scenario.name());
                s.setString(3, ScenarioCodec.encode(scenario));
                s.setTimestamp(4, Timestamp.from(submittedAt));
                s.setObject(5, scenarioVersion, Types.INTEGER);
                s.setString(6, Json.write(labels));
                s.executeUpdate();
            }
            return null;
        });
    }

    public void markRunning(UUID id, Instant startedAt) {
        update("UPDATE runs SET status = 'RUNNING', started_at = ? WHERE id = ? AND status = 'QUEUED'", s -> {
            s.setTimestamp(1, Timestamp.from(startedAt));
            s.setObject(2, id);
        });
    }

    public void finishRun(UUID id, RunStatus status, Instant finishedAt, String failure) {
        update("UPDATE runs SET status = ?, finished_at = ?, failure = ? WHERE id = ? AND finished_at IS NULL", s -> {
            s.setString(1, status.name());
            s.setTimestamp(2, Timestamp.from(finishedAt));
            s.setString(3, failure);
            s.setObject(4, id);
        });
    }

    /** Fails every run left RUNNING by a previous coordinator process; returns how many. */
    public int failInterrupted(String reason, Instant now) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE runs SET status = 'FAILED', finished_at = ?, failure = ? WHERE status = 'RUNNING'")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, reason);
                return s.executeUpdate();
            }
        });
    }

    /** A search step of a run that is still RUNNING but has no step row yet: a search a stopped coordinator left. */
    public record OpenSearch(UUID runId, int stepIndex) {}

    /** Search steps left unfinished by a previous coordinator: their runs are RUNNING, their step row is missing. */
    public List<OpenSearch> openSearches() {
        return transaction(c -> {
            List<OpenSearch> open = new ArrayList<>();
            // From the few RUNNING runs (an index) into each table by its primary key, never a scan of all probes.
            String from = " FROM runs r JOIN %s k ON k.run_id = r.id WHERE r.status = 'RUNNING'%s AND NOT EXISTS"
                    + " (SELECT 1 FROM steps s WHERE s.run_id = k.run_id AND s.step_index = k.step_index)";
            try (PreparedStatement s = c.prepareStatement("SELECT k.run_id, k.step_index"
                    + from.formatted("step_probes", "") + " UNION SELECT k.run_id, k.step_index"
                    + from.formatted("step_agent_results", " AND k.probe > 0") + " ORDER BY 1, 2")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        open.add(new OpenSearch(r.getObject(1, UUID.class), r.getInt(2)));
                    }
                }
            }
            return open;
        });
    }

    /** The probes stored for one search step, in the order they ran. */
    public List<Probe> probes(UUID runId, int stepIndex) {
        return transaction(c -> SearchRows.probes(c, runId, stepIndex));
    }

    /** The scenario a run was submitted with (token included: for the scheduler only), if the run exists. */
    public Optional<Scenario> scenario(UUID runId) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT scenario FROM runs WHERE id = ?")) {
                s.setObject(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Json.read(r.getString(1), Scenario.class)) : Optional.empty();
                }
            }
        });
    }

    /** Whether a step's merged row is stored. */
    public boolean stepStored(UUID runId, int stepIndex) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM steps WHERE run_id = ? AND step_index = ?")) {
                s.setObject(1, runId);
                s.setInt(2, stepIndex);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** Runs still QUEUED, oldest submission first. */
    public List<PendingRun> queued() {
        return transaction(c -> {
            List<PendingRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT id, scenario, submitted_at FROM runs WHERE status = 'QUEUED' ORDER BY seq");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(new PendingRun(
                            r.getObject(1, UUID.class),
                            Json.read(r.getString(2), Scenario.class),
                            r.getTimestamp(3).toInstant()));
                }
            }
            return runs;
        });
    }

    /**
     * Stores a finished step (with its per-request and per-agent rows) and, when it is the run's last, the run's final
     * status, in one transaction, so a retry after a failure never finds half of it written.
     *
     * @param runStatus the run's final status, or null when more steps follow
     */
    public void storeStep(StepRecord step, RunStatus runStatus, Instant finishedAt) {
        transaction(c -> {
            insertStep(c, step);
            if (runStatus == null) {
                return null;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE runs SET status = ?, finished_at = ?, failure = ? WHERE id = ? AND finished_at IS NULL")) {
                s.setString(1, runStatus.name());
                s.setTimestamp(2, Timestamp.from(finishedAt));
                s.setString(3, step.failure());
                s.setObject(4, step.runId());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Stores one agent's final result, once: a re-delivery of the same result changes nothing. Returns whether it was
     * new. The agent may forget its result once this returned.
     */
    public boolean storeAgentResult(StepResult result, Instant receivedAt) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO step_agent_results (run_id, step_index,"
                    + " agent_id, result, received_at, probe) SELECT ?, ?, ?, ?::jsonb, ?, ? WHERE EXISTS (SELECT 1"
                    + " FROM runs WHERE id = ?) ON CONFLICT DO NOTHING")) {
                UUID runId = result.runId();
                s.setObject(1, runId);
                s.setInt(2, result.stepIndex());
                s.setString(3, result.agentId());
                s.setString(4, Messages.encode(result));
                s.setTimestamp(5, Timestamp.from(receivedAt));
                s.setInt(6, result.probe());
                s.setObject(7, runId);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Stores one finished probe of a search step as soon as it is judged, so a later failure loses none of them. */
    public void storeProbe(UUID runId, int stepIndex, Probe probe) {
        transaction(c -> {
            SearchRows.insertProbe(c, runId, stepIndex, probe);
            return null;
        });
    }

    /** Every stored agent result of one step (of a plain step: probe 0) or of one probe of a search step. */
    public List<StepResult> agentResults(UUID runId, int stepIndex, int probe) {
        return transaction(c -> {
            List<StepResult> results = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT result FROM step_agent_results WHERE run_id = ? AND step_index = ? AND probe = ?"
                            + " ORDER BY agent_id")) {
                s.setObject(1, runId);
                s.setInt(2, stepIndex);
                s.setInt(3, probe);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        results.add((StepResult) Messages.toCoordinator(r.getString(1)));
                    }
                }
            }
            return results;
        });
    }

    /** Replaces a step's rows with {@code step}, atomically (a step rebuilt from re-delivered agent results). */
    public void replaceStep(StepRecord step) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM steps WHERE run_id = ? AND step_index = ?")) {
                s.setObject(1, step.runId());
                s.setInt(2, step.index());
                s.executeUpdate();
            }
            insertStep(c, step);
            return null;
        });
    }

    private static void insertStep(Connection c, StepRecord step) throws SQLException {
        {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO steps (run_id, step_index, status, agents,"
                    + " started_at, finished_at, measured_from, measured_to, requests, errors, warmup_requests,"
                    + " throughput_rps, p50_ms, p90_ms, p99_ms, p999_ms, max_ms, mean_ms, errors_by_kind, histogram,"
                    + " failure, profile, workers, target_cpu_cores, target_usage, start_skew_ms, agents_lost,"
                    + " generator_bound, generator_reason, agent_cpu_share, repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?)")) {
                LatencyMs latency = LatencyMs.of(step.histogram());
                s.setObject(1, step.runId());
                s.setInt(2, step.index());
                s.setString(3, step.status().name());
                s.setInt(4, step.agents().size());
                s.setTimestamp(5, Timestamp.from(step.startedAt()));
                s.setTimestamp(6, Timestamp.from(step.finishedAt()));
                s.setTimestamp(7, step.measuredFrom() == null ? null : Timestamp.from(step.measuredFrom()));
                s.setTimestamp(8, step.measuredTo() == null ? null : Timestamp.from(step.measuredTo()));
                s.setLong(9, step.requests());
                s.setLong(10, step.errors());
                s.setLong(11, step.warmupRequests());
                s.setDouble(12, step.throughputRps());
                setLatency(s, 13, latency);
                s.setString(19, Json.write(step.errorsByKind()));
                s.setBytes(20, HistogramCodec.toBytes(step.histogram()));
                s.setString(21, step.failure());
                s.setString(22, step.plan().profile());
                s.setObject(23, step.plan().workers(), Types.INTEGER);
                s.setObject(
                        24,
                        step.targetUsage() == null ? null : step.targetUsage().cpuCores(),
                        Types.DOUBLE);
                s.setString(25, step.targetUsage() == null ? null : Json.write(step.targetUsage()));
                StepHealth health = step.health();
                s.setObject(26, health.startSkewMs(), Types.BIGINT);
                s.setString(27, Json.write(health.agentsLost()));
                s.setBoolean(28, health.generatorBound());
                s.setString(29, health.generatorReason());
                s.setObject(30, health.agentCpuShare(), Types.DOUBLE);
                s.setInt(31, step.plan().repeat());
                s.executeUpdate();
            }
            SearchRows.updateStep(c, step.runId(), step.index(), step.search());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO step_requests (run_id, step_index, name,"
                    + " requests, errors, p50_ms, p90_ms, p99_ms, p999_ms, max_ms, mean_ms, errors_by_kind, histogram)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                for (RequestRecord request : step.byRequest()) {
                    s.setObject(1, step.runId());
                    s.setInt(2, step.index());
                    s.setString(3, request.name());
                    s.setLong(4, request.requests());
                    s.setLong(5, request.errors());
                    setLatency(s, 6, LatencyMs.of(request.histogram()));
                    s.setString(12, Json.write(request.errorsByKind()));
                    s.setBytes(13, HistogramCodec.toBytes(request.histogram()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO step_agents (run_id, step_index, agent_id,"
                    + " users, rate, requests, errors, warmup_requests, failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AgentShare agent : step.agents()) {
                    s.setObject(1, step.runId());
                    s.setInt(2, step.index());
                    s.setString(3, agent.agentId());
                    s.setObject(4, agent.users(), Types.INTEGER);
                    s.setObject(5, agent.rate(), Types.DOUBLE);
                    s.setLong(6, agent.requests());
                    s.setLong(7, agent.errors());
                    s.setLong(8, agent.warmupRequests());
                    s.setString(9, agent.failure());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    public Optional<RunView> findRun(UUID id) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(SUMMARY + ", scenario FROM runs WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    RunSummary summary = summary(r);
                    // The control token is for the scheduler only; never shown back.
                    Scenario scenario =
                            Json.read(r.getString(11), Scenario.class).redacted();
                    List<StepView> steps = steps(c, id, scenario);
                    return Optional.of(new RunView(
                            summary.id(),
                            summary.name(),
                            summary.scenarioVersion(),
                            summary.labels(),
                            summary.status(),
                            summary.submittedAt(),
                            summary.startedAt(),
                            summary.finishedAt(),
                            summary.failure(),
                            scenario,
                            steps,
                            ScalingSeries.of(steps),
                            null,
                            null,
                            RunView.MEASUREMENT));
                }
            }
        });
    }

    /**
     * One page of runs matching {@code filter}, newest submission first, after {@code cursor} (null: from the newest).
     * Keyset pagination on (submitted_at, seq), so pages stay stable while runs are inserted.
     */
    public RunPage listRuns(RunFilter filter, int limit, RunCursor cursor) {
        StringBuilder sql = new StringBuilder(SUMMARY + " FROM runs WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.scenario() != null) {
            sql.append(" AND name = ?");
            params.add(filter.scenario());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (!filter.labels().isEmpty()) {
            sql.append(" AND labels @> ?::jsonb");
            params.add(Json.write(filter.labels()));
        }
        if (filter.from() != null) {
            sql.append(" AND submitted_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND submitted_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (cursor != null) {
            sql.append(" AND (submitted_at, seq) < (?, ?)");
            params.add(Timestamp.from(cursor.submittedAt()));
            params.add(cursor.seq());
        }
        sql.append(" ORDER BY submitted_at DESC, seq DESC LIMIT ?");
        params.add(limit + 1);
        return transaction(c -> {
            List<RunSummary> runs = new ArrayList<>();
            RunCursor last = null;
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    boolean more = false;
                    while (r.next()) {
                        if (runs.size() == limit) {
                            more = true;
                            break;
                        }
                        runs.add(summary(r));
                        last = new RunCursor(r.getTimestamp(4).toInstant(), r.getLong(10));
                    }
                    return new RunPage(runs, more ? last.encode() : null);
                }
            }
        });
    }

    private static List<StepView> steps(Connection c, UUID runId, Scenario scenario) throws SQLException {
        Map<Integer, List<Probe>> probes = SearchRows.probesByStep(c, runId);
        Map<Integer, Map<String, RequestView>> byRequest = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, name, requests, errors, p50_ms, p90_ms,"
                + " p99_ms, p999_ms, max_ms, mean_ms, errors_by_kind FROM step_requests WHERE run_id = ?"
                + " ORDER BY step_index, name")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byRequest
                            .computeIfAbsent(r.getInt(1), i -> new LinkedHashMap<>())
                            .put(
                                    r.getString(2),
                                    new RequestView(r.getLong(3), r.getLong(4), kinds(r.getString(11)), latency(r, 5)));
                }
            }
        }
        Map<Integer, List<AgentShare>> agents = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, agent_id, users, rate, requests, errors,"
                + " warmup_requests, failure FROM step_agents WHERE run_id = ? ORDER BY step_index, agent_id")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    agents.computeIfAbsent(r.getInt(1), i -> new ArrayList<>())
                            .add(new AgentShare(
                                    r.getString(2),
                                    r.getObject(3, Integer.class),
                                    r.getObject(4, Double.class),
                                    r.getLong(5),
                                    r.getLong(6),
                                    r.getLong(7),
                                    r.getString(8)));
                }
            }
        }
        List<StepView> steps = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, status, agents, started_at, finished_at,"
                + " measured_from, measured_to, requests, errors, warmup_requests, throughput_rps, p50_ms, p90_ms,"
                + " p99_ms, p999_ms, max_ms, mean_ms, errors_by_kind, failure, profile, workers, target_cpu_cores,"
                + " target_usage, start_skew_ms, agents_lost, generator_bound, generator_reason, agent_cpu_share,"
                + " repeat, knee_rate_rps, knee_probe, search_note, slo FROM steps WHERE run_id = ?"
                + " ORDER BY step_index")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int index = r.getInt(1);
                    Instant from = instant(r, 6);
                    Instant to = instant(r, 7);
                    double seconds = from == null || to == null
                            ? 0
                            : Math.round(Duration.between(from, to).toMillis() / 10.0) / 100.0;
                    String usage = r.getString(23);
                    LatencyMs latency = latency(r, 12);
                    SearchOutcome search = SearchRows.outcome(r, 30, probes.getOrDefault(index, List.of()));
                    SloVerdict slo = scenario.slo() == null
                            ? null
                            : search != null
                                    ? SloVerdict.ofSearch(search)
                                    : SloVerdict.judge(
                                            scenario.slo(),
                                            scenario.load().model() == LoadModel.OPEN
                                                    ? scenario.load().rate()
                                                    : null,
                                            new Measured(
                                                    r.getLong(8),
                                                    r.getLong(9),
                                                    r.getDouble(11),
                                                    latency.p50(),
                                                    latency.p99(),
                                                    r.getObject(22, Double.class),
                                                    r.getBoolean(26)));
                    steps.add(new StepView(
                            index,
                            StepStatus.valueOf(r.getString(2)),
                            r.getString(20),
                            r.getObject(21, Integer.class),
                            r.getInt(29),
                            r.getObject(22, Double.class),
                            r.getInt(3),
                            instant(r, 4),
                            instant(r, 5),
                            from,
                            to,
                            seconds,
                            r.getLong(8),
                            r.getLong(9),
                            r.getLong(10),
                            r.getDouble(11),
                            latency,
                            kinds(r.getString(18)),
                            byRequest.getOrDefault(index, Map.of()),
                            agents.getOrDefault(index, List.of()),
                            usage == null ? null : Json.read(usage, TargetUsage.class),
                            r.getObject(24, Long.class),
                            List.of(Json.read(r.getString(25), String[].class)),
                            r.getBoolean(26),
                            r.getString(27),
                            r.getObject(28, Double.class),
                            r.getString(19),
                            search,
                            slo));
                }
            }
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private static RunSummary summary(ResultSet r) throws SQLException {
        return new RunSummary(
                r.getObject(1, UUID.class).toString(),
                r.getString(2),
                r.getObject(8, Integer.class),
                Json.read(r.getString(9), Map.class),
                RunStatus.valueOf(r.getString(3)),
                instant(r, 4),
                instant(r, 5),
                instant(r, 6),
                r.getString(7));
    }

    private static void setLatency(PreparedStatement s, int first, LatencyMs latency) throws SQLException {
        s.setLong(first, latency.p50());
        s.setLong(first + 1, latency.p90());
        s.setLong(first + 2, latency.p99());
        s.setLong(first + 3, latency.p999());
        s.setLong(first + 4, latency.max());
        s.setDouble(first + 5, latency.mean());
    }

    private static LatencyMs latency(ResultSet r, int first) throws SQLException {
        return new LatencyMs(
                r.getLong(first),
                r.getLong(first + 1),
                r.getLong(first + 2),
                r.getLong(first + 3),
                r.getLong(first + 4),
                r.getDouble(first + 5));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> kinds(String json) {
        Map<String, Number> raw = Json.read(json, Map.class);
        Map<String, Long> kinds = new LinkedHashMap<>();
        raw.forEach((k, v) -> kinds.put(k, v.longValue()));
        return kinds;
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        });
    }

    private <T> T transaction(Transactions.Work<T> work) {
        return Transactions.write(dataSource, work);
    }
}
