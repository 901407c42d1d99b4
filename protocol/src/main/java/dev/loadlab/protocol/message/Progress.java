package dev.loadlab.protocol.message;

/**
 * A once-a-second progress report from an agent running a step: responses and errors so far (warm-up included while
 * {@code warmingUp}), for live display only; results come from {@link StepResult}.
 */
public record Progress(
        String runId,
        int stepIndex,
        String agentId,
        boolean warmingUp,
        long requests,
        long errors,
        double elapsedSeconds)
        implements ToCoordinator {}
