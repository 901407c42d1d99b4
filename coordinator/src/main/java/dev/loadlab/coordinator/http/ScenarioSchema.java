package dev.loadlab.coordinator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The scenario document's JSON Schema, as the protocol module ships it ({@code dev/loadlab/protocol/scenario.schema.json}
 * on the classpath).
 *
 * <p>TEMPORARY: reads the resource by its path until the protocol's own accessor (branch i11-proto) is merged.
 */
final class ScenarioSchema {
    static final String RESOURCE = "dev/loadlab/protocol/scenario.schema.json";

    private ScenarioSchema() {}

    /** The schema's text, or null when the protocol jar on the classpath does not carry it. */
    static String jsonOrNull() {
        try (InputStream in = ScenarioSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
