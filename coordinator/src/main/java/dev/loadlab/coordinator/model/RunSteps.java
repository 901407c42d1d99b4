package dev.loadlab.coordinator.model;

import java.util.List;

/** A run and its stored steps, one entry per step total and per request name, in step then name order. Immutable. */
public record RunSteps(RunRef run, List<StepMetrics> steps) {
    public RunSteps {
        steps = List.copyOf(steps);
    }
}
