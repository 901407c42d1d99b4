package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.scenario.DatasetRef;
import java.util.List;

/**
 * Cuts a dataset into what each agent of a step draws from: every row for {@code circular} and {@code random}; for
 * {@code queue}, agent {@code i} of {@code n} gets the contiguous slice {@code [i*rows/n, (i+1)*rows/n)}, so the slices
 * are disjoint and together hold every row once. Stateless.
 */
public final class DatasetSlices {
    private DatasetSlices() {}

    public static DatasetSlice slice(DatasetTable table, DatasetRef.Strategy strategy, int agents, int index) {
        if (agents < 1 || index < 0 || index >= agents) {
            throw new IllegalArgumentException(
                    "index must be between 0 and agents - 1 (" + (agents - 1) + "), was " + index + " of " + agents);
        }
        List<List<String>> rows = table.rows();
        if (strategy == DatasetRef.Strategy.QUEUE) {
            int from = (int) ((long) index * rows.size() / agents);
            int to = (int) ((long) (index + 1) * rows.size() / agents);
            rows = rows.subList(from, to);
        }
        return new DatasetSlice(table.name(), table.columns(), rows);
    }
}
