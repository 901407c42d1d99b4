package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads scenario JSON v1 strictly (unknown fields refused) and validates it, or writes a scenario back in the same
 * form. Every refusal is an {@link InvalidInputException} whose errors carry JSON paths. Stateless and thread-safe.
 */
public final class ScenarioCodec {
    private ScenarioCodec() {}

    /** Decodes and validates; the returned scenario is complete and within {@link ScenarioLimits}. */
    public static Scenario decode(String json) {
        Scenario scenario;
        try {
            scenario = Json.strict().readValue(json, Scenario.class);
        } catch (DatabindException e) {
            throw new InvalidInputException(List.of(fieldError(e)));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "$", "is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (scenario == null) {
            throw new InvalidInputException("$", "is required: the body must be a scenario object");
        }
        List<FieldError> errors = ScenarioValidator.validate(scenario);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return scenario;
    }

    public static String encode(Scenario scenario) {
        return Json.write(scenario);
    }

    private static FieldError fieldError(DatabindException e) {
        StringBuilder path = new StringBuilder("$");
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        String field = path.toString();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = field.endsWith("." + unknown.getPropertyName())
                    ? field.substring(
                            0, field.length() - unknown.getPropertyName().length() - 1)
                    : field;
            return new FieldError(
                    field, "is not a known field; known fields of " + parent + " are " + unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException format) {
            return new FieldError(
                    field,
                    "cannot take the value " + describe(format.getValue()) + ": "
                            + firstSentence(format.getOriginalMessage()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldError(field, "must be " + expected(mismatch.getTargetType()));
        }
        return new FieldError(field, firstSentence(e.getOriginalMessage()));
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == List.class) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
        }
        if (type == Duration.class) {
            return "a duration such as \"10s\"";
        }
        return "an object";
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String firstSentence(String message) {
        String oneLine = message == null ? "invalid value" : message.replaceAll("\\s+", " ");
        int cut = oneLine.indexOf(": not one of");
        return cut > 0 ? oneLine.substring(0, cut) : oneLine;
    }
}
