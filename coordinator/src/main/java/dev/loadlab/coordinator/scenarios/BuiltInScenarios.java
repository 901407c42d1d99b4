package dev.loadlab.coordinator.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The scenarios shipped with the product, as JSON documents under {@code dev/loadlab/coordinator/scenarios/builtin/}:
 * {@code gil-cpu} and {@code gil-mixed} (the talk's two experiments over the five emulating profiles at W = 1..32),
 * {@code py-gil-cpu} and {@code py-gil-mixed} (the same two over the real Python servers, which only a target host
 * started with the Python profiles file has: {@code ./loadlab target --python}) and {@code smoke}. Their target is the coordinator's configured target host: the placeholders {@code ${target.baseUrl}},
 * {@code ${target.control.url}} and {@code ${target.control.token}} are replaced in the parsed document (string values
 * only, never in the raw text), and the result is decoded and validated like any submitted scenario. Stateless.
 */
public final class BuiltInScenarios {
    /** The shipped documents, in the order they are listed in the README. */
    public static final List<String> NAMES = List.of("gil-cpu", "gil-mixed", "py-gil-cpu", "py-gil-mixed", "smoke");

    private static final String FOLDER = "/dev/loadlab/coordinator/scenarios/builtin/";

    private BuiltInScenarios() {}

    /** Every built-in scenario, pointed at {@code host}. */
    public static List<Scenario> resolve(CoordinatorConfig.TargetHost host) {
        Map<String, String> values = Map.of(
                "${target.baseUrl}", host.baseUrl(),
                "${target.control.url}", host.controlUrl(),
                "${target.control.token}", host.controlToken());
        return NAMES.stream().map(name -> resolve(name, shipped(name), values)).toList();
    }

    /** The shipped text of one built-in scenario, placeholders included. */
    public static String shipped(String name) {
        try (InputStream in = BuiltInScenarios.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in scenario " + name, e);
        }
    }

    static Scenario resolve(String name, String text, Map<String, String> values) {
        JsonNode document;
        try {
            document = Json.strict().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("built-in scenario " + name + " is not valid JSON", e);
        }
        substitute(document, values);
        try {
            return ScenarioCodec.decode(document.toString());
        } catch (InvalidInputException e) {
            throw new IllegalStateException(
                    "built-in scenario " + name + " is not valid with this coordinator's target host: "
                            + e.getMessage(),
                    e);
        }
    }

    private static void substitute(JsonNode node, Map<String, String> values) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String replacement = field.getValue().isTextual()
                        ? values.get(field.getValue().asText())
                        : null;
                if (replacement != null) {
                    field.setValue(TextNode.valueOf(replacement));
                } else {
                    substitute(field.getValue(), values);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> substitute(element, values));
        }
    }
}
