package dev.loadlab.coordinator.http;

import dev.loadlab.protocol.FieldError;
import java.util.List;

/**
 * The one error shape of the REST API (RFC 9457 {@code application/problem+json}), extended with {@code field}, the
 * JSON path of the first offending field, and {@code errors}, every field error found. Immutable.
 */
public record Problem(
        String type, String title, int status, String detail, String instance, String field, List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** The header a 415 names as its field. */
    public static final String CONTENT_TYPE_HEADER = "Content-Type";

    public static Problem invalid(List<FieldError> errors, String instance) {
        return new Problem(
                "/problems/invalid-input",
                "Invalid input",
                400,
                errors.get(0).toString(),
                instance,
                errors.get(0).field(),
                errors);
    }

    /** 415: the body's {@code Content-Type} is not one the route reads; {@code detail} says what it accepts. */
    public static Problem unsupportedMediaType(String detail, String instance) {
        FieldError error = new FieldError(CONTENT_TYPE_HEADER, detail);
        return new Problem(
                "/problems/unsupported-media-type",
                "Unsupported media type",
                415,
                error.toString(),
                instance,
                CONTENT_TYPE_HEADER,
                List.of(error));
    }

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem("/problems/" + slug, title, status, detail, instance, null, null);
    }
}
