package dev.loadlab.coordinator.model;

import java.sql.SQLException;

/**
 * The store failed (PostgreSQL unreachable, a constraint, a timeout): a fault of storage, never of the caller's input.
 * Every storage port throws it, so the engine and the REST API can tell storage faults from bad input without knowing
 * which store is behind the port.
 */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super("database operation failed: " + cause.getMessage(), cause);
    }
}
