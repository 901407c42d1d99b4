package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.SavedScenario;
import dev.loadlab.coordinator.model.ScenarioCatalog;
import dev.loadlab.coordinator.model.ScenarioCatalog.Seeded;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Saved scenario versions in PostgreSQL: a {@link ScenarioCatalog}. Each public method is one transaction. Thread-safe. */
public final class ScenarioStore implements ScenarioCatalog {
    private static final String COLUMNS = "name, version, created_at, scenario, builtin";

    private final DataSource dataSource;

    public ScenarioStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code scenario} as the next version of {@code name}. With {@code mustBeNew} it fails (empty) when the
     * name exists; without, when it does not (or was deleted).
     */
    @Override
    public Optional<SavedScenario> save(String name, Scenario scenario, boolean mustBeNew, Instant now) {
        return Transactions.write(dataSource, c -> {
            lockName(c, name);
            boolean exists = maxVersion(c, name, true).isPresent();
            if (mustBeNew == exists) {
                return Optional.empty();
            }
            int version = insertNextVersion(c, scenario, false, now);
            return Optional.of(new SavedScenario(name, version, now, scenario, false));
        });
    }

    /**
     * Makes {@code scenario} the latest version of its name, marked built-in, unless it already is or a user saved a
     * version of their own over it. Under the same per-name lock as {@link #save}, so coordinators starting together
     * on one database store it once.
     */
    @Override
    public Seeded seedBuiltIn(Scenario scenario, Instant now) {
        String name = scenario.name();
        return Transactions.write(dataSource, c -> {
            lockName(c, name);
            Optional<SavedScenario> latest = latest(c, name);
            if (latest.isPresent() && !latest.get().builtIn()) {
                return Seeded.USER_VERSION_KEPT;
            }
            if (latest.isPresent() && latest.get().scenario().equals(scenario)) {
                return Seeded.UNCHANGED;
            }
            insertNextVersion(c, scenario, true, now);
            return Seeded.STORED;
        });
    }

    /** One writer per name at a time, until the transaction ends, so two writes never take the same version. */
    private static void lockName(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "scenario:" + name);
            lock.execute();
        }
    }

    /** Inserts the next version; numbers continue past deleted versions, because runs still point at those. */
    private static int insertNextVersion(Connection c, Scenario scenario, boolean builtIn, Instant now)
            throws SQLException {
        int version = maxVersion(c, scenario.name(), false).map(v -> v + 1).orElse(1);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO scenarios (name, version, scenario,"
                + " created_at, builtin) VALUES (?, ?, ?::jsonb, ?, ?)")) {
            s.setString(1, scenario.name());
            s.setInt(2, version);
            s.setString(3, ScenarioCodec.encode(scenario));
            s.setTimestamp(4, Timestamp.from(now));
            s.setBoolean(5, builtIn);
            s.executeUpdate();
        }
        return version;
    }

    private static Optional<SavedScenario> latest(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM scenarios WHERE name = ? AND deleted_at IS NULL ORDER BY version DESC LIMIT 1")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /** The latest version of a scenario that is not deleted, or a given version (deleted or not). */
    @Override
    public Optional<SavedScenario> find(String name, Integer version) {
        String sql = version == null
                ? "SELECT " + COLUMNS + " FROM scenarios s WHERE name = ? AND deleted_at IS NULL"
                        + " ORDER BY version DESC LIMIT 1"
                : "SELECT " + COLUMNS + " FROM scenarios WHERE name = ? AND version = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            if (version != null) {
                s.setInt(2, version);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** The latest version of every scenario not deleted, by name. */
    @Override
    public List<SavedScenario> list() {
        List<SavedScenario> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT ON (name) " + COLUMNS
                        + " FROM scenarios WHERE deleted_at IS NULL ORDER BY name, version DESC");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                all.add(read(r));
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        return all;
    }

    /** Hides every version of {@code name}; returns false when there was nothing to delete. */
    @Override
    public boolean delete(String name, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE scenarios SET deleted_at = ? WHERE name = ? AND deleted_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, name);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private static Optional<Integer> maxVersion(Connection c, String name, boolean activeOnly) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT max(version) FROM scenarios WHERE name = ?" + (activeOnly ? " AND deleted_at IS NULL" : ""))) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int v = r.getInt(1);
                return r.wasNull() ? Optional.empty() : Optional.of(v);
            }
        }
    }

    private static SavedScenario read(ResultSet r) throws SQLException {
        return new SavedScenario(
                r.getString("name"),
                r.getInt("version"),
                r.getTimestamp("created_at").toInstant(),
                Json.read(r.getString("scenario"), Scenario.class),
                r.getBoolean("builtin"));
    }
}
