package dev.loadlab.protocol.result;

import java.util.Map;

/**
 * What one agent measured for one request name in the measured window: responses counted, errors by kind
 * ({@code http_4xx}, {@code http_5xx}, {@code transport}, ...), and the base64 HdrHistogram of response times in ms
 * (errors with a response included). Immutable.
 */
public record RequestResult(String name, long requests, long errors, Map<String, Long> errorsByKind, String histogram) {
    public RequestResult {
        errorsByKind = Map.copyOf(errorsByKind);
    }
}
