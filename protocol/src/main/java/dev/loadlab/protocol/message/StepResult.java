package dev.loadlab.protocol.message;

import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
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
 * {@code failureMessages} are the first few distinct reasons requests failed (a check's message, a timeout), bounded
 * by {@link #MAX_FAILURE_MESSAGES}, so a user can see why; {@code flows} the per-flow results (flows workloads only);
 * {@code stages} the per-stage results (staged loads only). {@code machineCpuShare} is the whole machine's busy share
 * over the same window (0..1, from {@code /proc/stat}; null where unknown), so a generator that shares its machine with
 * the target can be told from one that had the machine to itself; {@code cores} is how many cores the agent's JVM may
 * use ({@code availableProcessors}, which honours {@code taskset} and cgroup limits), the cores {@code cpuShare} is a
 * share of (null where unknown). Immutable.
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
        boolean cancelled,
        List<String> failureMessages,
        List<FlowResult> flows,
        List<StageResult> stages,
        Double machineCpuShare,
        Integer cores)
        implements ToCoordinator, StepMessage {
    /** At most this many distinct failure messages are kept per agent and step. */
    public static final int MAX_FAILURE_MESSAGES = 10;

    /** A failure message is cut to this many characters. */
    public static final int MAX_FAILURE_MESSAGE_LENGTH = 300;

    public StepResult {
        requests = List.copyOf(requests);
        failureMessages = failureMessages == null ? List.of() : List.copyOf(failureMessages);
        flows = flows == null ? List.of() : List.copyOf(flows);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** A v3 result: no machine share, no cores. */
    public StepResult(
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
            boolean cancelled,
            List<String> failureMessages,
            List<FlowResult> flows,
            List<StageResult> stages) {
        this(
                runId,
                stepIndex,
                probe,
                agentId,
                failure,
                measuredFrom,
                measuredTo,
                warmupRequests,
                requests,
                startSkewMs,
                cpuShare,
                behindSchedule,
                cancelled,
                failureMessages,
                flows,
                stages,
                null,
                null);
    }

    /** A v1 result: no failure messages, flows or stages. */
    public StepResult(
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
            boolean cancelled) {
        this(
                runId,
                stepIndex,
                probe,
                agentId,
                failure,
                measuredFrom,
                measuredTo,
                warmupRequests,
                requests,
                startSkewMs,
                cpuShare,
                behindSchedule,
                cancelled,
                null,
                null,
                null,
                null,
                null);
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
