package dev.loadlab.agent.gatling;

import java.util.Locale;
import java.util.Map;

/**
 * What LoadLab captured of one HTTP response to judge it: the status, Gatling's response time, the headers the checks
 * and saves name (first value of each, keyed by lower-cased name; a header the response lacks is absent) and the body,
 * or null when no check or save reads it (it is then not captured at all). Immutable.
 */
record ResponseView(int status, long responseTimeMs, Map<String, String> headers, String body) {
    ResponseView {
        headers = Map.copyOf(headers);
    }

    /** The header's first value, or null when the response has none; names are case-insensitive. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
