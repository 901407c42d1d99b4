package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.DatasetTable;
import java.util.Map;

/**
 * A run's dataset (every row; null without one) and the values of the secrets its scenario names, read once at its
 * first step. {@link #toString()} never shows a value. Immutable.
 */
record RunInputs(DatasetTable table, Map<String, String> secrets) {
    RunInputs {
        secrets = Map.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "RunInputs[dataset=" + (table == null ? "none" : "present") + ", secrets=" + secrets.keySet() + "]";
    }
}
