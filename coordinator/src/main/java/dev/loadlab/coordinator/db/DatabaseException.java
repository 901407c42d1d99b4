package dev.loadlab.coordinator.db;

import java.sql.SQLException;

/** PostgreSQL failed (unreachable, a constraint, a timeout): a fault of storage, never of the caller's input. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super("database operation failed: " + cause.getMessage(), cause);
    }
}
