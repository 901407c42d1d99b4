package dev.loadlab.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Small helpers for reading and writing the JSON of REST answers in tests, by field name only. */
final class Jsons {
    private Jsons() {}

    /** {@code text} as a JSON string literal. */
    static String quote(String text) {
        try {
            return Json.lenient().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first object in {@code tree} (depth first, the root included) that has a member named {@code key}: a way to
     * find a counter map, e.g. the target's per-endpoint counts by one endpoint it must hold, without depending on the
     * name of the field that holds the map.
     */
    static Optional<JsonNode> objectWithKey(JsonNode tree, String key) {
        if (tree == null) {
            return Optional.empty();
        }
        if (tree.isObject() && tree.has(key)) {
            return Optional.of(tree);
        }
        for (JsonNode child : tree) {
            Optional<JsonNode> found = objectWithKey(child, key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A long member, 0 when absent or null. */
    static long longOf(JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value == null || value.isNull() ? 0 : value.asLong();
    }

    /** The sum of an object's numeric members (a counter map such as {@code errorsByKind}); 0 when absent. */
    static long sum(JsonNode counters) {
        long total = 0;
        if (counters != null) {
            for (JsonNode value : counters) {
                total += value.asLong();
            }
        }
        return total;
    }

    /** The {@code message} of every entry of a step's {@code failureMessages} (entries may also be plain strings). */
    static List<String> messages(JsonNode step) {
        List<String> out = new ArrayList<>();
        JsonNode messages = step.get("failureMessages");
        if (messages == null) {
            return out;
        }
        for (JsonNode entry : messages) {
            out.add(entry.isTextual() ? entry.asText() : entry.path("message").asText());
        }
        return out;
    }

    /** The element of {@code array} whose {@code field} is {@code value}. */
    static Optional<JsonNode> element(JsonNode array, String field, String value) {
        if (array == null) {
            return Optional.empty();
        }
        return StreamSupport.stream(array.spliterator(), false)
                .filter(e -> e.path(field).asText().equals(value))
                .findFirst();
    }

    /** The member names of {@code object}. */
    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
