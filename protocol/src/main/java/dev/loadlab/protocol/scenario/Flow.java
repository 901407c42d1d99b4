package dev.loadlab.protocol.scenario;

import java.util.List;

/**
 * A user journey: a named, weighted sequence of requests and pauses. Each user picks one flow by weight when it
 * starts, runs {@code once} (optional: e.g. logging in) and then loops over {@code steps} until the step ends. Each
 * loop iteration (and the {@code once} part) takes the next dataset row, if the workload has a dataset. Immutable.
 */
public record Flow(String name, Integer weight, List<RequestSpec> once, List<RequestSpec> steps) {
    public Flow {
        weight = weight == null ? 1 : weight;
        once = once == null ? null : List.copyOf(once);
        steps = steps == null ? null : List.copyOf(steps);
    }
}
