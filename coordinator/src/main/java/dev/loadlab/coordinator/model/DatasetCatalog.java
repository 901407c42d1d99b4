package dev.loadlab.coordinator.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The storage port for datasets: named tables of text rows that workloads draw from. Each method is one transaction
 * and throws {@link StorageException} when the store fails. Implementations are thread-safe.
 */
public interface DatasetCatalog {
    /** How many rows {@link #find} shows. */
    int PREVIEW_ROWS = 10;

    /** Stores a new dataset; false (nothing written) when the name is taken. */
    boolean add(DatasetTable table, Instant now);

    /** Every dataset, by name, without rows. */
    List<DatasetInfo> list();

    /** One dataset with its first {@link #PREVIEW_ROWS} rows. */
    Optional<DatasetInfo> find(String name);

    /** A dataset's columns, without reading its rows. */
    Optional<List<String>> columns(String name);

    /** A dataset with every row. */
    Optional<DatasetTable> table(String name);

    /** False when there was no such dataset. */
    boolean delete(String name);
}
