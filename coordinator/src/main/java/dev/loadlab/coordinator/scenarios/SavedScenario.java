package dev.loadlab.coordinator.scenarios;

import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;

/** One version of a saved scenario. The control token inside is redacted whenever it is shown. Immutable. */
public record SavedScenario(String name, int version, Instant createdAt, Scenario scenario) {
    public SavedScenario redacted() {
        return new SavedScenario(name, version, createdAt, scenario.redacted());
    }
}
