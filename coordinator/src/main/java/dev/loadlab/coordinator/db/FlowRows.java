package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.FlowRecord;
import dev.loadlab.coordinator.model.FlowView;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A step's flows in {@code step_flows}: written from its {@link FlowRecord}s (percentiles computed by the merge, beside
 * the histogram) and read back by column name into {@link FlowView}s. Rows go when their step's row goes (the schema
 * cascades). Statements on a connection the caller's transaction owns. Stateless.
 */
final class FlowRows {
    private FlowRows() {}

    static void insert(Connection c, UUID runId, int stepIndex, List<FlowRecord> flows) throws SQLException {
        if (flows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO step_flows (run_id, step_index, name, completed,"
                + " failed, p50_ms, p90_ms, p99_ms, max_ms, mean_ms, histogram)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (FlowRecord flow : flows) {
                Binder b = new Binder(s);
                b.set(runId);
                b.setInt(stepIndex);
                b.set(flow.name());
                b.set(flow.completed());
                b.set(flow.failed());
                LatencyMs latency = flow.latencyMs();
                b.set(latency.p50());
                b.set(latency.p90());
                b.set(latency.p99());
                b.set(latency.max());
                b.set(latency.mean());
                b.set(HistogramCodec.toBytes(flow.histogram()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Every flow of a run's steps, by step index, in name order; {@code completedPerSecond} is left for the step's
     * measured window ({@link FlowView#over}).
     */
    static Map<Integer, List<FlowView>> byStep(Connection c, UUID runId) throws SQLException {
        Map<Integer, List<FlowView>> flows = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, name, completed, failed, p50_ms, p90_ms,"
                + " p99_ms, max_ms, mean_ms FROM step_flows WHERE run_id = ? ORDER BY step_index, name")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    flows.computeIfAbsent(r.getInt("step_index"), i -> new ArrayList<>())
                            .add(new FlowView(
                                    r.getString("name"),
                                    r.getLong("completed"),
                                    0,
                                    r.getLong("failed"),
                                    new FlowView.IterationMs(
                                            r.getLong("p50_ms"),
                                            r.getLong("p90_ms"),
                                            r.getLong("p99_ms"),
                                            r.getLong("max_ms"),
                                            r.getDouble("mean_ms"))));
                }
            }
        }
        return flows;
    }
}
