package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;

/**
 * One version of a saved scenario. {@code builtIn} is true for a version the coordinator seeded from a scenario shipped
 * with the product (the scenarios package's BuiltInScenarios), false for one a user saved. The control token inside is redacted
 * whenever it is shown. Immutable.
 */
public record SavedScenario(String name, int version, Instant createdAt, Scenario scenario, boolean builtIn) {
    public SavedScenario redacted() {
        return new SavedScenario(name, version, createdAt, scenario.redacted(), builtIn);
    }
}
