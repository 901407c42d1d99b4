package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.PendingRun;
import dev.loadlab.coordinator.model.RunJournal;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code runs} table's writes and the engine's reads of it: a {@link RunJournal} on PostgreSQL. Thread-safe. */
public final class RunStore implements RunJournal {
    private final DataSource dataSource;

    public RunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insertRun(
            UUID id, Scenario scenario, Integer scenarioVersion, Map<String, String> labels, Instant submittedAt) {
        Transactions.write(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, name, status, scenario, submitted_at,"
                    + " scenario_version, labels) VALUES (?, ?, 'QUEUED', ?::jsonb, ?, ?, ?::jsonb)")) {
                s.setObject(1, id);
                s.setString(2, scenario.name());
                s.setString(3, ScenarioCodec.encode(scenario));
                s.setTimestamp(4, Timestamp.from(submittedAt));
                s.setObject(5, scenarioVersion, Types.INTEGER);
                s.setString(6, Json.write(labels));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void markRunning(UUID id, Instant startedAt) {
        Transactions.write(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE runs SET status = 'RUNNING', started_at = ? WHERE id = ? AND status = 'QUEUED'")) {
                s.setTimestamp(1, Timestamp.from(startedAt));
                s.setObject(2, id);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void finishRun(UUID id, RunStatus status, Instant finishedAt, String failure) {
        Transactions.write(dataSource, c -> RunRows.finish(c, id, status, finishedAt, failure));
    }

    @Override
    public int failInterrupted(String reason, Instant now) {
        return Transactions.write(dataSource, c -> {
            List<UUID> interrupted = new ArrayList<>();
            try (PreparedStatement s =
                            c.prepareStatement("SELECT id FROM runs WHERE status = 'RUNNING' ORDER BY seq FOR UPDATE");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    interrupted.add(r.getObject("id", UUID.class));
                }
            }
            for (UUID id : interrupted) {
                RunRows.finish(c, id, RunStatus.FAILED, now, reason);
            }
            return interrupted.size();
        });
    }

    @Override
    public List<PendingRun> queued() {
        return Transactions.read(dataSource, c -> {
            List<PendingRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT id, scenario, submitted_at FROM runs WHERE status = 'QUEUED' ORDER BY seq");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(new PendingRun(
                            r.getObject("id", UUID.class),
                            Json.read(r.getString("scenario"), Scenario.class),
                            r.getTimestamp("submitted_at").toInstant()));
                }
            }
            return runs;
        });
    }

    @Override
    public Optional<Scenario> scenario(UUID runId) {
        return Transactions.read(dataSource, c -> RunRows.scenario(c, runId));
    }
}
