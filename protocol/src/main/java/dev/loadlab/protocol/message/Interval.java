package dev.loadlab.protocol.message;

import dev.loadlab.protocol.result.RequestResult;
import java.util.List;
import java.util.UUID;

/**
 * One second of one agent's step: per request name, the responses that completed in that second with their errors
 * and encoded histogram; the agent's own process CPU use over the second (0..1 of all its cores); and whether an open
 * model fell behind its arrival schedule. {@code second} counts from the step's start (0 = the first second, warm-up
 * included; {@code warmup} says which seconds belong to it). Immutable.
 */
public record Interval(
        UUID runId,
        int stepIndex,
        int probe,
        String agentId,
        long second,
        boolean warmup,
        List<RequestResult> requests,
        double cpuShare,
        boolean behindSchedule)
        implements ToCoordinator, StepMessage {
    public Interval {
        requests = List.copyOf(requests);
    }
}
