package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.RunCursor;
import dev.loadlab.coordinator.model.RunFilter;
import dev.loadlab.coordinator.model.RunPage;
import dev.loadlab.coordinator.model.RunReader;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunSummary;
import dev.loadlab.coordinator.model.RunTally;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Scenario;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Runs read back for the REST API: one run with its steps, a page of history, a step's timeline; a {@link RunReader}
 * on PostgreSQL, each call one consistent read-only snapshot. Thread-safe (the pool is).
 */
public final class RunQueries implements RunReader, RunTally {
    private final DataSource dataSource;

    public RunQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<RunCount> countRuns() {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT status, verdict, count(*) AS runs FROM runs GROUP BY status, verdict");
                    ResultSet r = s.executeQuery()) {
                List<RunCount> counts = new ArrayList<>();
                while (r.next()) {
                    counts.add(new RunCount(
                            RunStatus.valueOf(r.getString("status")), r.getString("verdict"), r.getLong("runs")));
                }
                return counts;
            }
        });
    }

    @Override
    public Optional<RunView> findRun(UUID id) {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + RunRows.SUMMARY + ", scenario FROM runs WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    RunSummary summary = RunRows.summary(r);
                    // The control token is for the engine only; never shown back.
                    Scenario scenario =
                            Json.read(r.getString("scenario"), Scenario.class).redacted();
                    List<StepView> steps = StepRows.views(c, id, scenario.load().stages());
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
                            null,
                            scenario,
                            steps,
                            null,
                            null,
                            null,
                            RunView.MEASUREMENT));
                }
            }
        });
    }

    /** Keyset pagination on (submitted_at, seq), so pages stay stable while runs are inserted. */
    @Override
    public RunPage listRuns(RunFilter filter, int limit, RunCursor cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + RunRows.SUMMARY + " FROM runs WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.scenario() != null) {
            sql.append(" AND name = ?");
            params.add(filter.scenario());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.verdict() != null) {
            sql.append(" AND verdict = ?");
            params.add(filter.verdict().name().toLowerCase(Locale.ROOT));
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
        return Transactions.read(dataSource, c -> {
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
                        runs.add(RunRows.summary(r));
                        last = new RunCursor(r.getTimestamp("submitted_at").toInstant(), r.getLong("seq"));
                    }
                    return new RunPage(runs, more ? last.encode() : null);
                }
            }
        });
    }

    @Override
    public List<TimelinePoint> timeline(UUID runId, int stepIndex) {
        return Transactions.read(dataSource, c -> IntervalRows.read(c, runId, stepIndex));
    }

    @Override
    public SortedMap<Integer, Histogram> stepHistograms(UUID runId) {
        return Transactions.read(dataSource, c -> StepRows.histograms(c, runId));
    }
}
