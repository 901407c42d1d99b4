package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.StepMetrics;

/**
 * A (profile, workers, request name) present in only one of the two runs. {@code profile} and {@code workers} are
 * absent for a step that used the target as it was; {@code repeat} only appears for the second and later step of the
 * same shape in one run. Immutable.
 */
public record UnmatchedStep(int stepIndex, String profile, Integer workers, String request, Integer repeat) {
    static UnmatchedStep of(StepMetrics step) {
        return new UnmatchedStep(
                step.stepIndex(), step.profile(), step.workers(), step.request(), StepMatcher.repeatOrNull(step));
    }
}
