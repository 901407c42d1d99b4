package dev.loadlab.coordinator.inputs;

import dev.loadlab.coordinator.model.DatasetCatalog;
import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.coordinator.model.StepInputs;
import java.util.Optional;

/** {@link StepInputs} over the dataset store and the secret service. Thread-safe. */
public final class StoredInputs implements StepInputs {
    private final DatasetCatalog datasets;
    private final SecretService secrets;

    public StoredInputs(DatasetCatalog datasets, SecretService secrets) {
        this.datasets = datasets;
        this.secrets = secrets;
    }

    @Override
    public Optional<DatasetTable> dataset(String name) {
        return datasets.table(name);
    }

    @Override
    public Optional<String> secret(String name) {
        return secrets.reveal(name);
    }
}
