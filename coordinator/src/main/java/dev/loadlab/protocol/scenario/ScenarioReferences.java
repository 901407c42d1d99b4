package dev.loadlab.protocol.scenario;

import java.util.List;
import java.util.Optional;

/** TEMPORARY STUB of the protocol's type (branch i11-proto); deleted when that branch is merged. */
public interface ScenarioReferences {
    Optional<List<String>> datasetColumns(String name);

    boolean secretExists(String name);

    ScenarioReferences UNCHECKED = new ScenarioReferences() {
        @Override
        public Optional<List<String>> datasetColumns(String name) {
            return Optional.of(List.of());
        }

        @Override
        public boolean secretExists(String name) {
            return true;
        }
    };
}
