package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Slo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The search's rows: one per probe in {@code step_probes}, and a search step's outcome in its {@code steps} row
 * (knee rate, knee probe, note, SLO), read with the rest of that row by column name. Statements on a connection the
 * caller's transaction owns. Stateless.
 */
final class ProbeRows {
    private ProbeRows() {}

    /** Stores one probe; storing the same probe again changes nothing. */
    static void insertProbe(Connection c, UUID runId, int stepIndex, Probe probe) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO step_probes (run_id, step_index, probe, rate_rps,"
                        + " requests, errors, error_rate, throughput_rps, p50_ms, p99_ms, target_cpu_cores, generator_bound,"
                        + " passed, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
            s.setObject(1, runId);
            s.setInt(2, stepIndex);
            s.setInt(3, probe.number());
            s.setDouble(4, probe.rateRps());
            s.setLong(5, probe.requests());
            s.setLong(6, probe.errors());
            s.setDouble(7, probe.errorRate());
            s.setDouble(8, probe.throughputRps());
            s.setLong(9, probe.p50Ms());
            s.setLong(10, probe.p99Ms());
            s.setObject(11, probe.targetCpuCores(), Types.DOUBLE);
            s.setBoolean(12, probe.generatorBound());
            s.setBoolean(13, probe.passed());
            s.setString(14, Json.write(probe.reasons()));
            s.executeUpdate();
        }
    }

    /** Writes a search step's outcome into its (just inserted) steps row; nothing for a plain step. */
    static void updateStep(Connection c, UUID runId, int stepIndex, SearchOutcome search) throws SQLException {
        if (search == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE steps SET knee_rate_rps = ?, knee_probe = ?,"
                + " search_note = ?, slo = ?::jsonb WHERE run_id = ? AND step_index = ?")) {
            s.setObject(1, search.kneeRateRps(), Types.DOUBLE);
            s.setObject(2, search.kneeProbe(), Types.INTEGER);
            s.setString(3, search.note());
            s.setString(4, Json.write(search.slo()));
            s.setObject(5, runId);
            s.setInt(6, stepIndex);
            s.executeUpdate();
        }
        for (Probe probe : search.probes()) {
            insertProbe(c, runId, stepIndex, probe);
        }
    }

    /** The probes of one search step, in the order they ran. */
    static List<Probe> probes(Connection c, UUID runId, int stepIndex) throws SQLException {
        return probesWhere(c, runId, stepIndex).getOrDefault(stepIndex, List.of());
    }

    /** Every probe of a run's search steps, by step index. */
    static Map<Integer, List<Probe>> probesByStep(Connection c, UUID runId) throws SQLException {
        return probesWhere(c, runId, null);
    }

    /** A search step's outcome from its steps row ({@code search_note} null: a step that did not search). */
    static SearchOutcome outcome(ResultSet r, List<Probe> probes) throws SQLException {
        String note = r.getString("search_note");
        return note == null
                ? null
                : new SearchOutcome(
                        r.getObject("knee_rate_rps", Double.class),
                        r.getObject("knee_probe", Integer.class),
                        note,
                        Json.read(r.getString("slo"), Slo.class),
                        probes);
    }

    private static Map<Integer, List<Probe>> probesWhere(Connection c, UUID runId, Integer stepIndex)
            throws SQLException {
        Map<Integer, List<Probe>> probes = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, probe, rate_rps, requests, errors,"
                + " error_rate, throughput_rps, p50_ms, p99_ms, target_cpu_cores, generator_bound, passed, reasons"
                + " FROM step_probes WHERE run_id = ? AND (?::integer IS NULL OR step_index = ?)"
                + " ORDER BY step_index, probe")) {
            s.setObject(1, runId);
            s.setObject(2, stepIndex, Types.INTEGER);
            s.setObject(3, stepIndex, Types.INTEGER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    probes.computeIfAbsent(r.getInt("step_index"), i -> new ArrayList<>())
                            .add(new Probe(
                                    r.getInt("probe"),
                                    r.getDouble("rate_rps"),
                                    r.getLong("requests"),
                                    r.getLong("errors"),
                                    r.getDouble("error_rate"),
                                    r.getDouble("throughput_rps"),
                                    r.getLong("p50_ms"),
                                    r.getLong("p99_ms"),
                                    r.getObject("target_cpu_cores", Double.class),
                                    r.getBoolean("generator_bound"),
                                    r.getBoolean("passed"),
                                    List.of(Json.read(r.getString("reasons"), String[].class))));
                }
            }
        }
        return probes;
    }
}
