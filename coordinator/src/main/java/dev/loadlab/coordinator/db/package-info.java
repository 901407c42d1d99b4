/**
 * PostgreSQL: the embedded server or one reached by JDBC URL, the connection pool, the Flyway migrations from
 * {@code migrations/}, and the stores that implement the model's storage ports ({@link
 * dev.loadlab.coordinator.db.RunStore}, {@link dev.loadlab.coordinator.db.StepStore}, {@link
 * dev.loadlab.coordinator.db.RunQueries}), each table's statements in a rows class that maps columns by name. This
 * package imports only the model, the search logic and the protocol. The coordinator is the only writer; results are
 * acknowledged to agents only after their transaction committed.
 */
package dev.loadlab.coordinator.db;
