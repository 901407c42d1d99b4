package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The storage port for everything a step writes: each agent's final result (stored before it is acknowledged), each
 * merged second, each judged search probe, and the merged step itself. Every write of a step goes through here,
 * re-deliveries and interrupted searches included. Each method is one transaction; every method throws {@link
 * StorageException} when the store fails. Implementations are thread-safe.
 */
public interface StepJournal {
    /**
     * Stores a finished step (with its per-request and per-agent rows) and, when it is the run's last, the run's final
     * status, in one transaction, so a retry after a failure never finds half of it written.
     *
     * @param runStatus the run's final status, or null when more steps follow
     */
    void storeStep(StepRecord step, RunStatus runStatus, Instant finishedAt);

    /** Replaces a step's rows with {@code step}, atomically (a step rebuilt from re-delivered agent results). */
    void replaceStep(StepRecord step);

    /** Whether a step's merged row is stored. */
    boolean stepStored(UUID runId, int stepIndex);

    /**
     * Stores one agent's final result, once: a re-delivery of the same result changes nothing. Returns whether it was
     * new; false too when its run does not exist. The agent may forget its result once this returned.
     */
    boolean storeAgentResult(StepResult result, Instant receivedAt);

    /** Every stored agent result of one step (of a plain step: probe 0) or of one probe of a search step. */
    List<StepResult> agentResults(StepKey step);

    /** Stores one merged second; storing the same second again changes nothing. */
    void storeSecond(UUID runId, int stepIndex, TimelinePoint point, Histogram histogram);

    /** Stores one judged probe of a search step as soon as it is judged; storing it again changes nothing. */
    void storeProbe(UUID runId, int stepIndex, Probe probe);

    /** The probes stored for one search step, in the order they ran. */
    List<Probe> probes(UUID runId, int stepIndex);

    /** Search steps left unfinished by a previous coordinator: their runs are RUNNING, their step row is missing. */
    List<OpenSearch> openSearches();
}
