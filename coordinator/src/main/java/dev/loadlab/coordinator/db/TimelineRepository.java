package dev.loadlab.coordinator.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.coordinator.model.StorageException;
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
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The per-second timeline of steps: one row per second merged across agents, written as each second completes, read
 * while the step runs and afterwards. Thread-safe.
 */
public final class TimelineRepository {
    private static final ObjectMapper JSON = Json.lenient();

    private final DataSource dataSource;

    public TimelineRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores one merged second; storing the same second again changes nothing. */
    public void insert(UUID runId, int stepIndex, TimelinePoint point, Histogram histogram) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO step_intervals (run_id, step_index, second,"
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
            s.setInt(12, point.probe() == null ? 0 : point.probe());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** The seconds stored so far for one step, in order (a search step's probe by probe). */
    public List<TimelinePoint> timeline(UUID runId, int stepIndex) {
        List<TimelinePoint> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT second, warmup, requests, errors, errors_by_kind,"
                        + " by_request, agent_cpu_share, behind_schedule, histogram, probe FROM step_intervals"
                        + " WHERE run_id = ? AND step_index = ? ORDER BY probe, second")) {
            s.setObject(1, runId);
            s.setInt(2, stepIndex);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    points.add(new TimelinePoint(
                            r.getLong(1),
                            r.getBoolean(2),
                            r.getLong(3),
                            r.getLong(4),
                            JSON.readValue(r.getString(5), new TypeReference<Map<String, Long>>() {}),
                            LatencyMs.of(HistogramCodec.fromBytes(r.getBytes(9))),
                            JSON.readValue(
                                    r.getString(6), new TypeReference<Map<String, TimelinePoint.NameCount>>() {}),
                            JSON.readValue(r.getString(7), new TypeReference<Map<String, Double>>() {}),
                            r.getBoolean(8),
                            r.getInt(10) == 0 ? null : r.getInt(10)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored timeline row is not the JSON this code writes", e);
        }
        return points;
    }
}
