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

/**
 * Screens a YAML scenario before it is mapped: anchors ({@code &a}) and aliases ({@code *a}) are refused, because
 * they are the stuff of "billion laughs" documents and a scenario never needs them (Jackson would read an alias as
 * a plain string, silently). The refusal names the field, as a mapping error would. Stateless.
 */
final class YamlScreen {
    private YamlScreen() {}

    /**
     * Throws {@link InvalidInputException} at the first anchor or alias, or at a second document; malformed YAML is
     * left to the mapper.
     */
    static void check(String yaml) throws JsonProcessingException {
        try (JsonParser parser = Json.strictYaml().createParser(yaml)) {
            if (!(parser instanceof YAMLParser yamlParser)) {
                throw new IllegalStateException(
                        "the YAML mapper made a " + parser.getClass().getName());
            }
            JsonToken token;
            int documents = 0;
            while ((token = yamlParser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                boolean atRoot = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? yamlParser.getParsingContext().getParent().inRoot()
                        : yamlParser.getParsingContext().inRoot();
                if (atRoot && ++documents > 1) {
                    throw new InvalidInputException("$", "holds more than one YAML document; a scenario is one");
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
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            // The context of a container's start is the container itself; its place is its parent's.
            context = context.getParent();
        }
        return Paths.of(context);
    }
}
