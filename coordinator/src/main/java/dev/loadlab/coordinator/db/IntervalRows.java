package dev.loadlab.coordinator.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The per-second timeline of steps in {@code step_intervals}: one row per second merged across agents, keyed by run,
 * step, probe (0 for a plain step) and second. Statements on a connection the caller's transaction owns. Stateless.
 */
final class IntervalRows {
    private static final ObjectMapper JSON = Json.lenient();

    private IntervalRows() {}

    /** Stores one merged second; storing the same second again changes nothing. */
    static void insert(Connection c, UUID runId, int stepIndex, TimelinePoint point, Histogram histogram)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO step_intervals (run_id, step_index, second,"
                + " warmup, requests, errors, errors_by_kind, by_request, agent_cpu_share, behind_schedule,"
                + " histogram, probe) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            s.setObject(1, runId);
            s.setInt(2, stepIndex);
            s.setLong(3, point.second());
            s.setBoolean(4, point.warmup());
            s.setLong(5, point.requests());
            s.setLong(6, point.errors());
            s.setString(7, Json.write(point.errorsByKind()));
            s.setString(8, Json.write(point.byRequest()));
            s.setString(9, Json.write(point.agentCpuShare()));
            s.setBoolean(10, point.behindSchedule());
            s.setBytes(11, HistogramCodec.toBytes(histogram));
            // The API says null for a plain step; the key column cannot be null, so a plain step is probe 0 here.
            s.setInt(12, point.probe() == null ? 0 : point.probe());
            s.executeUpdate();
        }
    }

    /** The seconds stored so far for one step, in order (a search step's probe by probe). */
    static List<TimelinePoint> read(Connection c, UUID runId, int stepIndex) throws SQLException {
        List<TimelinePoint> points = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT second, warmup, requests, errors, errors_by_kind,"
                + " by_request, agent_cpu_share, behind_schedule, histogram, probe FROM step_intervals"
                + " WHERE run_id = ? AND step_index = ? ORDER BY probe, second")) {
            s.setObject(1, runId);
            s.setInt(2, stepIndex);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int probe = r.getInt("probe");
                    points.add(new TimelinePoint(
                            r.getLong("second"),
                            r.getBoolean("warmup"),
                            r.getLong("requests"),
                            r.getLong("errors"),
                            JSON.readValue(r.getString("errors_by_kind"), new TypeReference<Map<String, Long>>() {}),
                            LatencyMs.of(HistogramCodec.fromBytes(r.getBytes("histogram"))),
                            JSON.readValue(
                                    r.getString("by_request"),
                                    new TypeReference<Map<String, TimelinePoint.NameCount>>() {}),
                            JSON.readValue(r.getString("agent_cpu_share"), new TypeReference<Map<String, Double>>() {}),
                            r.getBoolean("behind_schedule"),
                            probe == 0 ? null : probe));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored timeline row is not the JSON this code writes", e);
        }
        return points;
    }
}
