package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunSummary;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Statements on the {@code runs} table that more than one store needs, and the mapping of its columns, by name, to a
 * {@link RunSummary}. On a connection the caller's transaction owns. Stateless.
 */
final class RunRows {
    /** The columns {@link #summary} reads. */
    static final String SUMMARY =
            "id, name, status, submitted_at, started_at, finished_at, failure," + " scenario_version, labels, seq";

    private RunRows() {}

    /** Ends a run that has not ended yet; returns how many rows changed (0 or 1). */
    static int finish(Connection c, UUID id, RunStatus status, Instant finishedAt, String failure) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE runs SET status = ?, finished_at = ?, failure = ? WHERE id = ? AND finished_at IS NULL")) {
            s.setString(1, status.name());
            s.setTimestamp(2, Timestamp.from(finishedAt));
            s.setString(3, failure);
            s.setObject(4, id);
            return s.executeUpdate();
        }
    }

    /** The scenario a run was submitted with, token included, if the run exists. */
    static Optional<Scenario> scenario(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT scenario FROM runs WHERE id = ?")) {
            s.setObject(1, runId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Json.read(r.getString("scenario"), Scenario.class)) : Optional.empty();
            }
        }
    }

    @SuppressWarnings("unchecked")
    static RunSummary summary(ResultSet r) throws SQLException {
        return new RunSummary(
                r.getObject("id", UUID.class).toString(),
                r.getString("name"),
                r.getObject("scenario_version", Integer.class),
                Json.read(r.getString("labels"), Map.class),
                RunStatus.valueOf(r.getString("status")),
                StepRows.instant(r, "submitted_at"),
                StepRows.instant(r, "started_at"),
                StepRows.instant(r, "finished_at"),
                r.getString("failure"));
    }
}
