package dev.loadlab.coordinator.model;

import java.util.Optional;

/**
 * What a step's assignments are resolved from when the step starts: stored datasets (every row) and secrets (in
 * clear, for the assignment only). Each lookup is empty when the name is no longer stored and throws
 * {@link StorageException} when the store fails. Implementations are thread-safe.
 */
public interface StepInputs {
    /** No datasets, no secrets: for engines that never see a scenario referring to any. */
    StepInputs NONE = new StepInputs() {
        @Override
        public Optional<DatasetTable> dataset(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> secret(String name) {
            return Optional.empty();
        }
    };

    Optional<DatasetTable> dataset(String name);

    Optional<String> secret(String name);
}
