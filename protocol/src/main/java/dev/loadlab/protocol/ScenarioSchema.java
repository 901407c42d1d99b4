package dev.loadlab.protocol;

/**
 * The JSON Schema (draft 2020-12) of a scenario, v2 (v1 scenarios are valid v2 scenarios), shipped with the contract
 * so editors and clients can check a scenario before submitting it. It mirrors the scenario records and
 * {@code ScenarioLimits}; {@code ScenarioCodec} remains the authority (it also checks what a schema cannot: uniqueness
 * across the workload, sizes in bytes, references to datasets and secrets). Stateless.
 */
public final class ScenarioSchema {
    /** Where the coordinator serves the schema; openapi.yaml's scenario request bodies refer to it. */
    public static final String PATH = "/api/v1/scenario.schema.json";

    private static final String RESOURCE = "/dev/loadlab/protocol/scenario.schema.json";

    private ScenarioSchema() {}

    /** The schema as JSON text. */
    public static String text() {
        return Resources.text(RESOURCE);
    }
}
