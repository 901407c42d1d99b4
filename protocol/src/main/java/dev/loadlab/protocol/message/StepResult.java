package dev.loadlab.protocol.message;

import dev.loadlab.protocol.result.RequestResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One agent's final result for one step. The measured window runs from {@code measuredFrom} (end of warm-up) to
 * {@code measuredTo} (the last response); {@code warmupRequests} were sent before it and are not in {@code requests}.
 * {@code failure} is set, and the lists may be partial, when the agent could not run the step. {@code startSkewMs} is
 * how late (positive) or early the first request left against the agreed start, in cluster time; {@code cpuShare} the
 * agent process's average CPU use over the measured window as a share of all its cores (0..1); {@code behindSchedule}
 * whether an open model could not keep its arrival rate; {@code cancelled} whether the step was stopped early.
 * Immutable.
 */
public record StepResult(
        UUID runId,
        int stepIndex,
        int probe,
        String agentId,
        String failure,
        Instant measuredFrom,
        Instant measuredTo,
        long warmupRequests,
        List<RequestResult> requests,
        Long startSkewMs,
        Double cpuShare,
        boolean behindSchedule,
        boolean cancelled)
        implements ToCoordinator, StepMessage {
    public StepResult {
        requests = List.copyOf(requests);
    }

    /** A result for a step this agent could not even start: nothing measured, {@code failure} says why. */
    public static StepResult notRun(UUID runId, int stepIndex, int probe, String agentId, String failure, Instant now) {
        return new StepResult(
                runId, stepIndex, probe, agentId, failure, now, now, 0, List.of(), null, null, false, false);
    }

    public boolean failed() {
        return failure != null;
    }
}
