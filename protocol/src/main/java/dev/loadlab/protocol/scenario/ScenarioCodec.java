package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a scenario (JSON or YAML, v1 or v2) strictly (unknown fields refused) and validates it, or writes a scenario
 * back as JSON. Every refusal is an {@link InvalidInputException} whose errors carry JSON paths, the same for both
 * formats. Stateless and thread-safe.
 */
public final class ScenarioCodec {
    /** Jackson's message for a field given twice (STRICT_DUPLICATE_DETECTION), which it reports on the object. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private ScenarioCodec() {}

    /**
     * Decodes JSON and validates it without checking references ({@link ScenarioReferences#UNCHECKED}); the returned
     * scenario is complete and within {@link ScenarioLimits}.
     */
    public static Scenario decode(String json) {
        return decode(json, ScenarioFormat.JSON, ScenarioReferences.UNCHECKED);
    }

    /**
     * Decodes {@code text} written in {@code format} and validates it, checking its datasets, variables and secrets
     * against {@code refs}. YAML anchors and aliases are refused, and either format is capped at
     * {@link ScenarioLimits#MAX_DOCUMENT_LENGTH} characters and {@link ScenarioLimits#MAX_NESTING_DEPTH} levels.
     */
    public static Scenario decode(String text, ScenarioFormat format, ScenarioReferences refs) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(refs, "refs");
        if (text == null) {
            throw new InvalidInputException("$", "is required: the body must be a scenario object");
        }
        if (text.length() > ScenarioLimits.MAX_DOCUMENT_LENGTH) {
            throw new InvalidInputException(
                    "$", "must be at most " + ScenarioLimits.MAX_DOCUMENT_LENGTH + " characters, was " + text.length());
        }
        Scenario scenario;
        try {
            if (format == ScenarioFormat.YAML) {
                YamlScreen.check(text);
                scenario = Json.strictYaml().readValue(text, Scenario.class);
            } else {
                scenario = Json.strict().readValue(text, Scenario.class);
            }
        } catch (DatabindException e) {
            throw new InvalidInputException(List.of(fieldError(e)));
        } catch (StreamReadException e) {
            if (e.getProcessor() instanceof JsonParser parser
                    && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new InvalidInputException(Paths.of(parser.getParsingContext()), "is given twice");
            }
            throw new InvalidInputException(
                    "$",
                    "is not valid " + format + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "$",
                    "is not valid " + format + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (scenario == null) {
            throw new InvalidInputException("$", "is required: the body must be a scenario object");
        }
        List<FieldError> errors = ScenarioValidator.validate(scenario, refs);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return scenario;
    }

    public static String encode(Scenario scenario) {
        return Json.write(scenario);
    }

    /** Every secret the scenario refers to; see {@link ScenarioReferencesScan#secretNames}. */
    public static Set<String> secretNames(Scenario scenario) {
        return ScenarioReferencesScan.secretNames(scenario);
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
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.lookingAt()) {
            return new FieldError(Paths.member(field, duplicate.group(1)), "is given twice");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = field.endsWith("." + unknown.getPropertyName())
                    ? field.substring(
                            0, field.length() - unknown.getPropertyName().length() - 1)
                    : field;
            return new FieldError(
                    field, "is not a known field; known fields of " + parent + " are " + unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new FieldError(
                    field,
                    "cannot take the value " + describe(format.getValue()) + ": must be one of "
                            + wireNames(format.getTargetType()));
        }
        if (e instanceof InvalidFormatException format
                && format.getTargetType() != null
                && String.valueOf(format.getOriginalMessage()).startsWith("Cannot coerce")) {
            // Strict input (Json.strict()): a scalar of another kind is refused, never converted.
            return new FieldError(
                    field, "must be " + expected(format.getTargetType()) + ", not " + kind(format.getValue()));
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
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == List.class) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + wireNames(type);
        }
        if (type == Duration.class) {
            return "a duration such as \"10s\"";
        }
        return "an object";
    }

    /** The values an enum takes in a scenario, as written there (its {@code @JsonValue}), e.g. {@code per-user}. */
    private static String wireNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> Json.write(constant).replace("\"", ""))
                .collect(Collectors.joining(", "));
    }

    /** How a scalar was written: {@code the string "32"}, {@code the number 32}, {@code the boolean true}. */
    private static String kind(Object value) {
        return switch (value) {
            case String text -> text.isEmpty() ? "an empty string" : "the string \"" + text + "\"";
            case Boolean bool -> "the boolean " + bool;
            case Number number -> "the number " + number;
            case null -> "null";
            default -> String.valueOf(value);
        };
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
