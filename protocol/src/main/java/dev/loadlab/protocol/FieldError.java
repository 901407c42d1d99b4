package dev.loadlab.protocol;

import java.util.Objects;

/**
 * One refused input: the JSON path of the field ({@code $.load.users}) and what is wrong with it, in words that name the
 * limit ("must be between 1 and 10000, was -1"). Immutable.
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
