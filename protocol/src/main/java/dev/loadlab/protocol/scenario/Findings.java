package dev.loadlab.protocol.scenario;

import dev.loadlab.protocol.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The broken rules found while validating one scenario, in the order found, and the checks every rule class shares.
 * Mutable; one instance per validation, on one thread.
 */
final class Findings {
    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Fails with "is required" when {@code value} is null; true when it is present. */
    boolean present(String field, Object value) {
        if (value == null) {
            fail(field, "is required");
            return false;
        }
        return true;
    }

    void absent(String field, Object value, String model) {
        if (value != null) {
            fail(field, "does not apply to the " + model + " model");
        }
    }

    void range(String field, Integer value, int min, int max) {
        if (present(field, value) && (value < min || value > max)) {
            fail(field, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    void duration(String field, Duration value, Duration min, Duration max) {
        if (present(field, value) && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            fail(
                    field,
                    "must be between " + DurationText.format(min) + " and " + DurationText.format(max) + ", was "
                            + DurationText.format(value));
        }
    }

    /** A count of elements: between {@code min} and {@code max}. */
    void size(String field, int size, int min, int max, String what) {
        if (size < min || size > max) {
            fail(field, "must hold " + min + " to " + max + " " + what + ", held " + size);
        }
    }

    /** Parses a template; a malformed one fails {@code field}. Null when malformed. */
    Template template(String field, String text) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            fail(field, e.getMessage());
            return null;
        }
    }

    void jsonPath(String field, String path) {
        if (!present(field, path)) {
            return;
        }
        if (path.length() > ScenarioLimits.MAX_JSON_PATH_LENGTH) {
            fail(field, "must be at most " + ScenarioLimits.MAX_JSON_PATH_LENGTH + " characters, was " + path.length());
            return;
        }
        try {
            JsonPathExpr.compile(path);
        } catch (IllegalArgumentException e) {
            fail(field, e.getMessage());
        }
    }

    void regex(String field, String regex) {
        if (!present(field, regex)) {
            return;
        }
        if (regex.length() > ScenarioLimits.MAX_REGEX_LENGTH) {
            fail(field, "must be at most " + ScenarioLimits.MAX_REGEX_LENGTH + " characters, was " + regex.length());
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            fail(field, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }
}
