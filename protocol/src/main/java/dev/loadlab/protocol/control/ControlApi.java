package dev.loadlab.protocol.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;

/**
 * The control API's version and its strict reader. Bodies are written with {@link Json#write}; a request body is read
 * with {@link #readStrict}, which refuses unknown fields, duplicate keys and values of the wrong JSON type ({@code
 * "2"} is not a number, {@code 2} is not a string) and names the field as a JSON pointer. Stateless and thread-safe.
 */
public final class ControlApi {
    /**
     * Bump whenever a control-API record changes shape (the golden files pin the current shapes). 2: {@code
     * statusByPath} in {@link WorkerStats}, {@code byPath} and {@code statusByPath} in {@link HostStats}. 3: {@code role} in {@link HostStats.ProcessStats}, {@code capacityCores} and {@code
     * machineCores} in {@link HostStats}.
     */
    public static final int VERSION = 3;

    private static final ObjectMapper STRICT = strictMapper();

    private ControlApi() {}

    /**
     * Reads {@code json} as {@code type}, refusing anything that is not exactly that shape.
     *
     * @throws InvalidInputException with one error whose field is the JSON pointer of the bad field ({@code ""} for
     *     the whole document, e.g. when it is malformed) and whose message starts with {@code malformed JSON} when the
     *     text is not JSON, {@code unknown field} when a field is not part of {@code type}, or says what type the field
     *     needs
     */
    public static <T> T readStrict(String json, Class<T> type) {
        T value;
        try {
            value = STRICT.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(
                    pointer(e),
                    "unknown field '" + e.getPropertyName() + "'; known fields are " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String pointer = pointer(e);
            throw new InvalidInputException(
                    pointer,
                    pointer.isEmpty()
                            ? "malformed JSON: " + oneLine(e.getOriginalMessage())
                            : "wrong type: " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("", "malformed JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (value == null) {
            throw new InvalidInputException("", "malformed JSON: the body must be a JSON object, was null");
        }
        return value;
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                pointer.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append('/').append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String oneLine(String message) {
        return message == null ? "invalid value" : message.replaceAll("\\s+", " ");
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.strict().copy();
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
