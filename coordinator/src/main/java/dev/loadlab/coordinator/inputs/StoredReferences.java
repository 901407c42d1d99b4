package dev.loadlab.coordinator.inputs;

import dev.loadlab.coordinator.model.DatasetCatalog;
import dev.loadlab.protocol.scenario.ScenarioReferences;
import java.util.List;
import java.util.Optional;

/**
 * The references a submitted or saved scenario is checked against: the datasets (their columns) and secrets (their
 * names) stored now. Reads the stores on every lookup. Thread-safe.
 */
public final class StoredReferences implements ScenarioReferences {
    private final DatasetCatalog datasets;
    private final SecretService secrets;

    public StoredReferences(DatasetCatalog datasets, SecretService secrets) {
        this.datasets = datasets;
        this.secrets = secrets;
    }

    @Override
    public Optional<List<String>> datasetColumns(String name) {
        return datasets.columns(name);
    }

    @Override
    public boolean secretExists(String name) {
        return secrets.exists(name);
    }
}
