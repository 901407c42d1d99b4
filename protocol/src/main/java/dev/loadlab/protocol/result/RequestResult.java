package dev.loadlab.protocol.result;

import java.util.Map;

/**
 * What one agent measured for one request name in the measured window: responses counted, errors by kind
 * ({@code http_4xx}, {@code http_5xx}, {@code transport}, {@code timeout}, {@code check}), how many times each named
 * check failed ({@code failedChecks}, keyed by {@code Check.label()}, {@code save(NAME)} or {@code missing(${NAME})};
 * a response that fails several checks counts once as an error but under every label it failed, so their sum can
 * exceed the {@code check} kind), and the base64 HdrHistogram of response times in ms (errors with a response included).
 * Immutable.
 */
public record RequestResult(
        String name,
        long requests,
        long errors,
        Map<String, Long> errorsByKind,
        String histogram,
        Map<String, Long> failedChecks) {
    public RequestResult {
        errorsByKind = Map.copyOf(errorsByKind);
        failedChecks = failedChecks == null ? Map.of() : Map.copyOf(failedChecks);
    }

    /** A result without named check failures. */
    public RequestResult(String name, long requests, long errors, Map<String, Long> errorsByKind, String histogram) {
        this(name, requests, errors, errorsByKind, histogram, null);
    }
}
