package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.StageRecord;
import dev.loadlab.coordinator.model.StageView;
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
 * A step's load stages in {@code step_stages}: written from its {@link StageRecord}s (percentiles and throughput
 * computed by the merge, beside the histogram) and read back by column name into {@link StageView}s, without the stage
 * as asked (the scenario holds that; the run's reader adds it). Rows go when their step's row goes (the schema
 * cascades). Statements on a connection the caller's transaction owns. Stateless.
 */
final class StageRows {
    private StageRows() {}

    static void insert(Connection c, UUID runId, int stepIndex, List<StageRecord> stages) throws SQLException {
        if (stages.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO step_stages (run_id, step_index, stage_index,"
                + " requests, errors, throughput_rps, p50_ms, p90_ms, p99_ms, max_ms, histogram, seconds)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StageRecord stage : stages) {
                Binder b = new Binder(s);
                b.set(runId);
                b.setInt(stepIndex);
                b.setInt(stage.index());
                b.set(stage.requests());
                b.set(stage.errors());
                b.set(stage.throughputRps());
                LatencyMs latency = stage.latencyMs();
                b.set(latency.p50());
                b.set(latency.p90());
                b.set(latency.p99());
                b.set(latency.max());
                b.set(HistogramCodec.toBytes(stage.histogram()));
                b.set(stage.seconds());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every stage of a run's steps, by step index, in stage order. */
    static Map<Integer, List<StageView>> byStep(Connection c, UUID runId) throws SQLException {
        Map<Integer, List<StageView>> stages = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT step_index, stage_index, requests, errors,"
                + " throughput_rps, p50_ms, p90_ms, p99_ms, max_ms, seconds FROM step_stages WHERE run_id = ?"
                + " ORDER BY step_index, stage_index")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stages.computeIfAbsent(r.getInt("step_index"), i -> new ArrayList<>())
                            .add(new StageView(
                                    r.getInt("stage_index"),
                                    null,
                                    null,
                                    null,
                                    null,
                                    r.getLong("seconds"),
                                    r.getLong("requests"),
                                    r.getLong("errors"),
                                    r.getDouble("throughput_rps"),
                                    new StageView.ResponseMs(
                                            r.getLong("p50_ms"),
                                            r.getLong("p90_ms"),
                                            r.getLong("p99_ms"),
                                            r.getLong("max_ms"))));
                }
            }
        }
        return stages;
    }
}
