package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of JDBC work in one transaction: committed when it returns, rolled back when it throws, and any
 * {@link SQLException} turned into a {@link StorageException}. Stateless.
 */
public final class Transactions {
    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {}

    public static <T> T write(DataSource dataSource, Work<T> work) {
        return run(dataSource, false, work);
    }

    /** Read-only, on one repeatable-read snapshot across its statements. */
    public static <T> T read(DataSource dataSource, Work<T> work) {
        return run(dataSource, true, work);
    }

    private static <T> T run(DataSource dataSource, boolean readOnly, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (readOnly) {
                // The pool resets both flags when the connection returns to it.
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
