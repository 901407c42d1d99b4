package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Screens a YAML scenario before it is mapped: anchors ({@code &a}) and aliases ({@code *a}) are refused, because
 * they are the stuff of "billion laughs" documents and a scenario never needs them (Jackson would read an alias as
 * a plain string, silently). The refusal names the field, as a mapping error would. Stateless.
 */
final class YamlScreen {
    private YamlScreen() {}

    /** Throws {@link InvalidInputException} at the first anchor or alias; malformed YAML is left to the mapper. */
    static void check(String yaml) throws JsonProcessingException {
        try (JsonParser parser = Json.strictYaml().createParser(yaml)) {
            if (!(parser instanceof YAMLParser yamlParser)) {
                throw new IllegalStateException(
                        "the YAML mapper made a " + parser.getClass().getName());
            }
            JsonToken token;
            while ((token = yamlParser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    continue;
                }
                if (yamlParser.isCurrentAlias()) {
                    throw refusal(yamlParser, "is a YAML alias (*" + yamlParser.getText() + ")");
                }
                String anchor = yamlParser.getObjectId() instanceof String id ? id : null;
                if (anchor != null) {
                    throw refusal(yamlParser, "carries a YAML anchor (&" + anchor + ")");
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a YAML string", e);
        }
    }

    private static InvalidInputException refusal(YAMLParser parser, String what) {
        return new InvalidInputException(
                path(parser), what + ": a scenario may not use anchors or aliases; write the value out");
    }

    private static String path(JsonParser parser) {
        Deque<String> parts = new ArrayDeque<>();
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            // The context of a container's start is the container itself; its place is its parent's.
            context = context.getParent();
        }
        while (context != null && !context.inRoot()) {
            if (context.inArray()) {
                parts.push("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            } else if (context.getCurrentName() != null) {
                parts.push(Paths.member("", context.getCurrentName()));
            }
            context = context.getParent();
        }
        return "$" + String.join("", parts);
    }
}
