package dev.loadlab.protocol.scenario;

/** TEMPORARY STUB of the protocol's type (branch i11-proto); deleted when that branch is merged. */
public enum ScenarioFormat {
    JSON,
    YAML
}
