package dev.loadlab.protocol.scenario;

import java.util.List;

/**
 * What each user does: either {@code requests}, the v1 weighted mix of single requests each user draws from, or
 * {@code flows}, weighted user journeys (exactly one of the two). {@code pause} is the default think time after every
 * request (none when absent); {@code dataset} (optional) feeds rows into the users' sessions. Immutable.
 */
public record Workload(List<RequestSpec> requests, List<Flow> flows, Pause pause, DatasetRef dataset) {
    public Workload {
        requests = requests == null ? null : List.copyOf(requests);
        flows = flows == null ? null : List.copyOf(flows);
    }

    /** A v1 workload: the weighted mix only. */
    public Workload(List<RequestSpec> requests) {
        this(requests, null, null, null);
    }
}
