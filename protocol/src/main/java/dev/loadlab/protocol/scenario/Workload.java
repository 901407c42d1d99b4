package dev.loadlab.protocol.scenario;

import java.util.List;

/** The weighted mix of requests each user draws from. Immutable. */
public record Workload(List<RequestSpec> requests) {
    public Workload {
        requests = requests == null ? null : List.copyOf(requests);
    }
}
