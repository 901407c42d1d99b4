package dev.loadlab.coordinator.db;

import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each agent's final result of a step (or probe), in {@code step_agent_results}, as the JSON it arrived in: stored
 * once before it is acknowledged, so a step can always be rebuilt from what its agents reported. On a connection the
 * caller's transaction owns. Stateless.
 */
final class AgentResultRows {
    private AgentResultRows() {}

    /** Stores {@code result} once; false when it was stored already or its run does not exist. */
    static boolean insert(Connection c, StepResult result, Instant receivedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO step_agent_results (run_id, step_index,"
                + " agent_id, result, received_at, probe) SELECT ?, ?, ?, ?::jsonb, ?, ? WHERE EXISTS (SELECT 1"
                + " FROM runs WHERE id = ?) ON CONFLICT DO NOTHING")) {
            s.setObject(1, result.runId());
            s.setInt(2, result.stepIndex());
            s.setString(3, result.agentId());
            s.setString(4, Messages.encode(result));
            s.setTimestamp(5, Timestamp.from(receivedAt));
            s.setInt(6, result.probe());
            s.setObject(7, result.runId());
            return s.executeUpdate() == 1;
        }
    }

    /** Every stored result of one step or probe, by agent id. */
    static List<StepResult> of(Connection c, StepKey step) throws SQLException {
        List<StepResult> results = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT result FROM step_agent_results WHERE run_id = ? AND step_index = ? AND probe = ?"
                        + " ORDER BY agent_id")) {
            s.setObject(1, step.runId());
            s.setInt(2, step.stepIndex());
            s.setInt(3, step.probe());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    results.add((StepResult) Messages.toCoordinator(r.getString("result")));
                }
            }
        }
        return results;
    }
}
