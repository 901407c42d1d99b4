package dev.loadlab.coordinator.model;

import java.util.List;

/**
 * A dataset's content: its columns and every row, each row one text value per column, in upload order. What an upload
 * is parsed into and what a step's assignments are cut from. Immutable.
 */
public record DatasetTable(String name, String format, List<String> columns, List<List<String>> rows, long bytes) {
    public DatasetTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    @Override
    public String toString() {
        return "DatasetTable[" + name + ", " + columns.size() + " columns, " + rows.size() + " rows]";
    }
}
