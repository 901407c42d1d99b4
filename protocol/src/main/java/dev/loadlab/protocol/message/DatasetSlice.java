package dev.loadlab.protocol.message;

import java.util.List;

/**
 * The rows of a stored dataset one agent draws from in a step: all of them ({@code circular}, {@code random}) or this
 * agent's disjoint slice ({@code queue}). Every value is text; each row holds one value per column. Immutable.
 */
public record DatasetSlice(String name, List<String> columns, List<List<String>> rows) {
    public DatasetSlice {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    @Override
    public String toString() {
        return "DatasetSlice[" + name + ", " + columns.size() + " columns, " + rows.size() + " rows]";
    }
}
