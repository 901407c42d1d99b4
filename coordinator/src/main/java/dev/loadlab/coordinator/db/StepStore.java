package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.OpenSearch;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.StepJournal;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Every write of a step, on PostgreSQL: a {@link StepJournal} over the {@code steps}, {@code step_requests}, {@code
 * step_agents}, {@code step_agent_results}, {@code step_intervals} and {@code step_probes} tables (each table's
 * statements in its own rows class). Thread-safe (the pool is).
 */
public final class StepStore implements StepJournal {
    private final DataSource dataSource;

    public StepStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void storeStep(StepRecord step, RunStatus runStatus, Instant finishedAt) {
        Transactions.write(dataSource, c -> {
            StepRows.insert(c, step);
            if (runStatus == null) {
                RunRows.refreshVerdict(c, step.runId());
                return 0;
            }
            return RunRows.finish(c, step.runId(), runStatus, finishedAt, step.failure());
        });
    }

    @Override
    public void replaceStep(StepRecord step) {
        Transactions.write(dataSource, c -> {
            StepRows.delete(c, step.runId(), step.index());
            StepRows.insert(c, step);
            RunRows.refreshVerdict(c, step.runId());
            return null;
        });
    }

    @Override
    public boolean stepStored(UUID runId, int stepIndex) {
        return Transactions.read(dataSource, c -> StepRows.exists(c, runId, stepIndex));
    }

    @Override
    public boolean storeAgentResult(StepResult result, Instant receivedAt) {
        return Transactions.write(dataSource, c -> AgentResultRows.insert(c, result, receivedAt));
    }

    @Override
    public List<StepResult> agentResults(StepKey step) {
        return Transactions.read(dataSource, c -> AgentResultRows.of(c, step));
    }

    @Override
    public void storeSecond(UUID runId, int stepIndex, TimelinePoint point, Histogram histogram) {
        Transactions.write(dataSource, c -> {
            IntervalRows.insert(c, runId, stepIndex, point, histogram);
            return null;
        });
    }

    @Override
    public void storeProbe(UUID runId, int stepIndex, Probe probe) {
        Transactions.write(dataSource, c -> {
            ProbeRows.insertProbe(c, runId, stepIndex, probe);
            return null;
        });
    }

    @Override
    public List<Probe> probes(UUID runId, int stepIndex) {
        return Transactions.read(dataSource, c -> ProbeRows.probes(c, runId, stepIndex));
    }

    @Override
    public List<OpenSearch> openSearches() {
        return Transactions.read(dataSource, StepStore::openSearches);
    }

    private static List<OpenSearch> openSearches(Connection c) throws java.sql.SQLException {
        List<OpenSearch> open = new ArrayList<>();
        // From the few RUNNING runs (an index) into each table by its primary key, never a scan of all probes.
        String from = " FROM runs r JOIN %s k ON k.run_id = r.id WHERE r.status = 'RUNNING'%s AND NOT EXISTS"
                + " (SELECT 1 FROM steps s WHERE s.run_id = k.run_id AND s.step_index = k.step_index)";
        try (PreparedStatement s = c.prepareStatement("SELECT k.run_id, k.step_index"
                + from.formatted("step_probes", "") + " UNION SELECT k.run_id, k.step_index"
                + from.formatted("step_agent_results", " AND k.probe > 0") + " ORDER BY 1, 2")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.add(new OpenSearch(r.getObject("run_id", UUID.class), r.getInt("step_index")));
                }
            }
        }
        return open;
    }
}
