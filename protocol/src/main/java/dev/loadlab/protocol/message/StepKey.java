package dev.loadlab.protocol.message;

import java.util.Objects;
import java.util.UUID;

/**
 * Which step, or which probe of a search step, a message is about: the run, the step's index in the run's plan, and
 * the probe number (0 for a plain step, 1, 2, ... for a search step's probes). The one key both sides of the cluster
 * use to match messages to the step in flight, to remember results not yet acknowledged and to ignore stale ones.
 * Immutable.
 */
public record StepKey(UUID runId, int stepIndex, int probe) {
    public StepKey {
        Objects.requireNonNull(runId, "runId");
        if (stepIndex < 0) {
            throw new IllegalArgumentException("stepIndex must be >= 0, was " + stepIndex);
        }
        if (probe < 0) {
            throw new IllegalArgumentException("probe must be >= 0, was " + probe);
        }
    }

    /** The key of a plain (not searching) step. */
    public static StepKey of(UUID runId, int stepIndex) {
        return new StepKey(runId, stepIndex, 0);
    }

    /** "run/3" for a plain step, "run/3/probe-2" for a search probe: for log lines. */
    @Override
    public String toString() {
        return runId + "/" + stepIndex + (probe == 0 ? "" : "/probe-" + probe);
    }
}
