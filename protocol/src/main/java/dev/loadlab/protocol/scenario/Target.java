package dev.loadlab.protocol.scenario;

import java.util.List;

/**
 * The system under test: the base URL every request path is appended to, and optionally the target host's control
 * API with the {@code profiles} × {@code workers} it should be switched through, one step per pair (profiles outer,
 * workers inner). Without {@code control} the target is used as it is, in a single step. {@code tls} says how an
 * https:// target's certificate is checked; {@code http2: true} sends requests over HTTP/2. Immutable.
 */
public record Target(
        String baseUrl, TargetControl control, List<String> profiles, List<Integer> workers, Tls tls, Boolean http2) {
    public Target {
        profiles = profiles == null ? null : List.copyOf(profiles);
        workers = workers == null ? null : List.copyOf(workers);
    }

    /** A v1 target: HTTP/1.1, default certificate checks. */
    public Target(String baseUrl, TargetControl control, List<String> profiles, List<Integer> workers) {
        this(baseUrl, control, profiles, workers, null, null);
    }

    /** A target used as it is. */
    public Target(String baseUrl) {
        this(baseUrl, null, null, null);
    }

    /** True when requests go out over HTTP/2 ({@code http2: true}; needs an https:// target that offers it). */
    public boolean usesHttp2() {
        return Boolean.TRUE.equals(http2);
    }
}
