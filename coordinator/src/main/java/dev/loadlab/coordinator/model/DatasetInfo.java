package dev.loadlab.coordinator.model;

import java.time.Instant;
import java.util.List;

/**
 * A stored dataset as the API shows it: its name, upload format ({@code csv} or {@code jsonl}), columns, row count,
 * size in bytes as uploaded and when it was stored; {@code preview} holds its first rows when one dataset is shown
 * (null in a listing). Immutable.
 */
public record DatasetInfo(
        String name,
        String format,
        List<String> columns,
        int rows,
        long bytes,
        Instant createdAt,
        List<List<String>> preview) {
    public DatasetInfo {
        columns = List.copyOf(columns);
        preview = preview == null ? null : preview.stream().map(List::copyOf).toList();
    }
}
