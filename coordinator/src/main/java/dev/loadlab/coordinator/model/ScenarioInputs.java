package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.util.Optional;
import java.util.Set;

/**
 * What a scenario draws on from the coordinator's stores: its workload's dataset and the secrets its templates name
 * ({@code ${secret:NAME}}, as the protocol's scan finds them). Only those secrets are resolved
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
        return ScenarioCodec.secretNames(scenario);
    }
}
