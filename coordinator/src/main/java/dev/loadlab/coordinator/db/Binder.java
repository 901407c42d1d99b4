package dev.loadlab.coordinator.db;

import dev.loadlab.protocol.result.LatencyMs;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds a statement's parameters in order, so a column list and its values cannot drift by an index. One per statement
 * execution (or batch entry); not thread-safe.
 */
final class Binder {
    private final PreparedStatement statement;
    private int next = 1;

    Binder(PreparedStatement statement) {
        this.statement = statement;
    }

    void set(Object value) throws SQLException {
        statement.setObject(next++, value);
    }

    void set(Object value, int sqlType) throws SQLException {
        statement.setObject(next++, value, sqlType);
    }

    void setInt(int value) throws SQLException {
        statement.setInt(next++, value);
    }

    void latency(LatencyMs latency) throws SQLException {
        set(latency.p50());
        set(latency.p90());
        set(latency.p99());
        set(latency.p999());
        set(latency.max());
        set(latency.mean());
    }
}
