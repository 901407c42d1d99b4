package dev.loadlab.protocol.scenario;

/** The text form a scenario is written in. Both map onto the same records with the same rules and error paths. */
public enum ScenarioFormat {
    JSON,
    YAML
}
