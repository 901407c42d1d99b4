/**
 * PostgreSQL: the embedded server or one reached by JDBC URL, the connection pool, the Flyway migrations from
 * {@code migrations/}, and the repository that is the only code writing runs and results. The coordinator is the only
 * writer; results are acknowledged to agents only after their transaction committed.
 */
package dev.loadlab.coordinator.db;
