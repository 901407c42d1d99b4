package dev.loadlab.coordinator.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.scenario.Check;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a scenario draws on from the coordinator's stores: its workload's dataset and the secrets its templates name
 * ({@code ${secret:NAME}} in paths, header values, bodies and {@code equals} checks). Only those secrets are resolved
 * into an assignment. Stateless.
 */
public final class ScenarioInputs {
    private ScenarioInputs() {}

    /** The name of the dataset the workload draws from, if any. */
    public static Optional<String> dataset(Scenario scenario) {
        return scenario.workload() == null || scenario.workload().dataset() == null
                ? Optional.empty()
                : Optional.of(scenario.workload().dataset().name());
    }

    /** Every secret the scenario refers to, in order of first use. */
    public static Set<String> secrets(Scenario scenario) {
        Set<String> names = new LinkedHashSet<>();
        for (RequestSpec request : requests(scenario)) {
            texts(request).forEach(text -> names.addAll(parse(text).secrets()));
        }
        return names;
    }

    private static List<RequestSpec> requests(Scenario scenario) {
        List<RequestSpec> all = new ArrayList<>();
        if (scenario.workload() == null) {
            return all;
        }
        if (scenario.workload().requests() != null) {
            all.addAll(scenario.workload().requests());
        }
        if (scenario.workload().flows() != null) {
            for (Flow flow : scenario.workload().flows()) {
                if (flow.once() != null) {
                    all.addAll(flow.once());
                }
                if (flow.steps() != null) {
                    all.addAll(flow.steps());
                }
            }
        }
        return all;
    }

    private static List<String> texts(RequestSpec request) {
        List<String> texts = new ArrayList<>();
        if (request.path() != null) {
            texts.add(request.path());
        }
        if (request.headers() != null) {
            texts.addAll(request.headers().values());
        }
        strings(request.body(), texts);
        if (request.checks() != null) {
            for (Check check : request.checks()) {
                strings(check.equals(), texts);
            }
        }
        return texts;
    }

    private static void strings(JsonNode node, List<String> into) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            into.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> strings(child, into));
        }
    }

    /** A scenario that passed validation has valid templates; any text that does not parse names nothing. */
    private static Template parse(String text) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            return Template.parse("");
        }
    }
}
