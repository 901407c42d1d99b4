package dev.loadlab.protocol.scenario;

import java.util.List;
import java.util.Optional;

/**
 * What a scenario may refer to outside itself: stored datasets (with their columns) and stored secrets. The
 * coordinator implements it over its stores, so a scenario is checked against them when it is submitted or saved.
 * Implementations must be safe to call from the thread that decodes.
 */
public interface ScenarioReferences {
    /**
     * Nothing is checked: every dataset exists and its columns are unknown (any {@code ${variable}} is allowed), and
     * every secret exists. What {@link ScenarioCodec#decode(String)} uses, e.g. for scenarios already stored.
     */
    ScenarioReferences UNCHECKED = new ScenarioReferences() {
        @Override
        public Optional<List<String>> datasetColumns(String name) {
            return Optional.of(List.of());
        }

        @Override
        public boolean secretExists(String name) {
            return true;
        }

        @Override
        public String toString() {
            return "ScenarioReferences.UNCHECKED";
        }
    };

    /** The columns of the stored dataset {@code name}, or empty when there is no such dataset. */
    Optional<List<String>> datasetColumns(String name);

    /** True when a secret {@code name} is stored. */
    boolean secretExists(String name);
}
