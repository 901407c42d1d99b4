package dev.loadlab.protocol.scenario;

/**
 * How to reach a target host's control API: its base URL and the bearer token it expects. The token is never shown
 * back by the REST API (see {@link Scenario#redacted()}). Immutable.
 */
public record TargetControl(String url, String token) {
    public static final String REDACTED = "***";

    @Override
    public String toString() {
        return "TargetControl[url=" + url + ", token=" + REDACTED + "]";
    }
}
