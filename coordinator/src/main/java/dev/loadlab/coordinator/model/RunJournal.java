package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port for a run's own life: submitted, started, ended, and what a restarted coordinator finds. Each
 * method is one transaction; every method throws {@link StorageException} when the store fails. Implementations are
 * thread-safe.
 */
public interface RunJournal {
    /** Stores a new QUEUED run with its labels and, when started from a saved scenario, the version it ran. */
    void insertRun(
            UUID id, Scenario scenario, Integer scenarioVersion, Map<String, String> labels, Instant submittedAt);

    void markRunning(UUID id, Instant startedAt);

    /** Ends a run that has not ended yet; a second call changes nothing. */
    void finishRun(UUID id, RunStatus status, Instant finishedAt, String failure);

    /** Fails every run left RUNNING by a previous coordinator process; returns how many. */
    int failInterrupted(String reason, Instant now);

    /** Runs still QUEUED, oldest submission first. */
    List<PendingRun> queued();

    /** The scenario a run was submitted with (token included: for the engine only), if the run exists. */
    Optional<Scenario> scenario(UUID runId);
}
