package dev.loadlab.protocol.control;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Responses of one endpoint by status class, so a test can check a load generator's success and error counts against
 * the server's; their sum is the endpoint's count in {@code byPath}. The target answers no 1xx or 3xx. Immutable.
 *
 * @param success 2xx answers
 * @param clientError 4xx answers
 * @param serverError 5xx answers
 */
public record StatusCounts(
        @JsonProperty("2xx") long success,
        @JsonProperty("4xx") long clientError,
        @JsonProperty("5xx") long serverError) {
    public static final StatusCounts ZERO = new StatusCounts(0, 0, 0);

    /** All three classes together. */
    public long total() {
        return success + clientError + serverError;
    }

    /** The class-wise sum, for adding up worker processes. */
    public StatusCounts plus(StatusCounts other) {
        return new StatusCounts(
                success + other.success, clientError + other.clientError, serverError + other.serverError);
    }
}
