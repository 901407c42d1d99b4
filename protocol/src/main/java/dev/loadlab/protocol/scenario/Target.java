package dev.loadlab.protocol.scenario;

import java.util.List;

/**
 * The system under test: the base URL every request path is appended to, and optionally the target host's control
 * API with the {@code profiles} × {@code workers} it should be switched through, one step per pair (profiles outer,
 * workers inner). Without {@code control} the target is used as it is, in a single step. Immutable.
 */
public record Target(String baseUrl, TargetControl control, List<String> profiles, List<Integer> workers) {
    public Target {
        profiles = profiles == null ? null : List.copyOf(profiles);
        workers = workers == null ? null : List.copyOf(workers);
    }

    /** A target used as it is. */
    public Target(String baseUrl) {
        this(baseUrl, null, null, null);
    }
}
