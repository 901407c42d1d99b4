package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.RunJudge;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunSummary;
import dev.loadlab.coordinator.model.RunVerdict;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
            "id, name, status, submitted_at, started_at, finished_at, failure, verdict, scenario_version, labels, seq";

    private RunRows() {}

    /**
     * Ends a run that has not ended yet, with its verdict judged from the steps stored so far (in this transaction);
     * returns how many rows changed (0 or 1).
     */
    static int finish(Connection c, UUID id, RunStatus status, Instant finishedAt, String failure) throws SQLException {
        int changed;
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE runs SET status = ?, finished_at = ?, failure = ? WHERE id = ? AND finished_at IS NULL")) {
            s.setString(1, status.name());
            s.setTimestamp(2, Timestamp.from(finishedAt));
            s.setString(3, failure);
            s.setObject(4, id);
            changed = s.executeUpdate();
        }
        if (changed > 0) {
            storeVerdict(c, id, status, failure);
        }
        return changed;
    }

    /**
     * Judges the run again when it has already ended: a step re-delivered after a restart is stored into a run that
     * was failed meanwhile, and may change its verdict. Does nothing for a run still queued or running.
     */
    static void refreshVerdict(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT status, failure FROM runs WHERE id = ? AND finished_at IS NOT NULL")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    storeVerdict(c, id, RunStatus.valueOf(r.getString("status")), r.getString("failure"));
                }
            }
        }
    }

    /** Judges an ended run from its stored steps and keeps the verdict's outcome. */
    static void storeVerdict(Connection c, UUID id, RunStatus status, String failure) throws SQLException {
        Optional<Scenario> scenario = scenario(c, id);
        List<StepView> steps =
                StepRows.views(c, id, scenario.map(sc -> sc.load().stages()).orElse(null));
        RunVerdict verdict = RunJudge.verdict(scenario.orElse(null), status, failure, steps);
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET verdict = ? WHERE id = ?")) {
            s.setString(1, verdict == null ? null : verdict.outcome().name().toLowerCase(Locale.ROOT));
            s.setObject(2, id);
            s.executeUpdate();
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

    private static Outcome verdict(String stored) {
        return stored == null ? null : Outcome.valueOf(stored.toUpperCase(Locale.ROOT));
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
                r.getString("failure"),
                verdict(r.getString("verdict")));
    }
}
