package dev.loadlab.coordinator.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import dev.loadlab.protocol.scenario.ScenarioFormat;
import dev.loadlab.protocol.scenario.ScenarioReferences;
import dev.loadlab.protocol.scenario.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes a submitted scenario in either format, with its references checked against what is stored.
 *
 * <p>TEMPORARY: stands in for the protocol's {@code ScenarioCodec.decode(text, format, refs)} until branch i11-proto is
 * merged; then {@link #decode} is that one call and the rest of this class goes. Stateless.
 */
final class ScenarioDocuments {
    private static final YAMLMapper YAML = new YAMLMapper();

    private ScenarioDocuments() {}

    static Scenario decode(String text, ScenarioFormat format, ScenarioReferences refs) {
        String json = format == ScenarioFormat.YAML ? yamlToJson(text) : text;
        Scenario scenario = ScenarioCodec.decode(json);
        if (refs != ScenarioReferences.UNCHECKED) {
            List<FieldError> errors = checkReferences(scenario, refs);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
        return scenario;
    }

    private static String yamlToJson(String text) {
        try {
            JsonNode tree = YAML.readTree(text);
            return tree == null ? "" : tree.toString();
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "$", "is not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
    }

    private static List<FieldError> checkReferences(Scenario scenario, ScenarioReferences refs) {
        List<FieldError> errors = new ArrayList<>();
        if (scenario.workload() == null) {
            return errors;
        }
        Set<String> known = new HashSet<>();
        if (scenario.workload().dataset() != null) {
            String name = scenario.workload().dataset().name();
            Optional<List<String>> columns = refs.datasetColumns(name);
            if (columns.isEmpty()) {
                errors.add(new FieldError(
                        "$.workload.dataset.name", "names no stored dataset \"" + name + "\" (POST /api/v1/datasets)"));
            } else {
                known.addAll(columns.get());
            }
        }
        Map<String, RequestSpec> requests = requests(scenario);
        requests.values().forEach(r -> {
            if (r.save() != null) {
                known.addAll(r.save().keySet());
            }
        });
        requests.forEach((path, request) -> {
            check(path + ".path", request.path(), known, refs, errors);
            if (request.headers() != null) {
                request.headers()
                        .forEach((name, value) -> check(path + ".headers." + name, value, known, refs, errors));
            }
            body(path + ".body", request.body(), known, refs, errors);
        });
        return errors;
    }

    private static Map<String, RequestSpec> requests(Scenario scenario) {
        Map<String, RequestSpec> all = new LinkedHashMap<>();
        List<RequestSpec> simple = scenario.workload().requests();
        for (int i = 0; simple != null && i < simple.size(); i++) {
            all.put("$.workload.requests[" + i + "]", simple.get(i));
        }
        List<Flow> flows = scenario.workload().flows();
        for (int f = 0; flows != null && f < flows.size(); f++) {
            Flow flow = flows.get(f);
            for (int i = 0; flow.once() != null && i < flow.once().size(); i++) {
                all.put(
                        "$.workload.flows[" + f + "].once[" + i + "]",
                        flow.once().get(i));
            }
            for (int i = 0; flow.steps() != null && i < flow.steps().size(); i++) {
                all.put(
                        "$.workload.flows[" + f + "].steps[" + i + "]",
                        flow.steps().get(i));
            }
        }
        return all;
    }

    private static void body(
            String path, JsonNode node, Set<String> known, ScenarioReferences refs, List<FieldError> errors) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            check(path, node.asText(), known, refs, errors);
        } else if (node.isObject()) {
            node.properties().forEach(e -> body(path + "." + e.getKey(), e.getValue(), known, refs, errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                body(path + "[" + i + "]", node.get(i), known, refs, errors);
            }
        }
    }

    private static void check(
            String path, String text, Set<String> known, ScenarioReferences refs, List<FieldError> errors) {
        if (text == null) {
            return;
        }
        Template template;
        try {
            template = Template.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, e.getMessage()));
            return;
        }
        for (String variable : template.variables()) {
            if (!known.contains(variable)) {
                errors.add(new FieldError(
                        path,
                        "refers to ${" + variable + "}, which is neither a column of the workload's dataset nor saved"
                                + " by any request; known variables are " + new TreeSet<>(known)));
            }
        }
        for (String secret : template.secrets()) {
            if (!refs.secretExists(secret)) {
                errors.add(new FieldError(
                        path, "refers to ${secret:" + secret + "}, which is not stored (POST /api/v1/secrets)"));
            }
        }
    }
}
