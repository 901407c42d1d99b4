package dev.loadlab.agent.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loadlab.protocol.scenario.Template;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSON value whose string values (not member names) may hold {@link Template} references, parsed once: a request's
 * JSON body, or the value a {@code jsonPath} check compares with. Rendering builds a new tree with each string replaced
 * by its rendered text, so a substituted value is escaped like any JSON string when the tree is written. Immutable
 * and thread-safe.
 */
final class JsonTemplate {
    private final JsonNode source;
    private final Map<String, Template> templates;

    private JsonTemplate(JsonNode source, Map<String, Template> templates) {
        this.source = source;
        this.templates = Map.copyOf(templates);
    }

    /** Throws {@link IllegalArgumentException} when a string value is not a valid template. */
    static JsonTemplate parse(JsonNode source) {
        Map<String, Template> templates = new HashMap<>();
        collect(source, templates);
        return new JsonTemplate(source.deepCopy(), templates);
    }

    /** True when no string holds a reference: rendering gives the source itself. */
    boolean constant() {
        return templates.isEmpty();
    }

    /** The value with every reference replaced; throws {@link Template.MissingValueException} for a missing one. */
    JsonNode render(Function<String, String> variables, Function<String, String> secrets) {
        return constant() ? source : render(source, variables, secrets);
    }

    private JsonNode render(JsonNode node, Function<String, String> variables, Function<String, String> secrets) {
        if (node.isTextual()) {
            Template template = templates.get(node.textValue());
            return template == null ? node : TextNode.valueOf(template.render(variables, secrets));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                copy.set(member.getKey(), render(member.getValue(), variables, secrets));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                copy.add(render(element, variables, secrets));
            }
            return copy;
        }
        return node;
    }

    private static void collect(JsonNode node, Map<String, Template> templates) {
        if (node.isTextual()) {
            Template template = Template.parse(node.textValue());
            if (!template.constant() || !template.source().equals(template.render(n -> null, n -> null))) {
                // Constant strings with "$$" still need rendering to become "$".
                templates.put(node.textValue(), template);
            }
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collect(child, templates));
        }
    }
}
