package dev.loadlab.coordinator.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's PostgreSQL: an embedded server whose data directory survives restarts, or any server by JDBC URL.
 * Opening it runs the Flyway migrations. Thread-safe; close once.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String description;
    private final String jdbcUrl;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, String description, String jdbcUrl) {
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Opens the database named by {@code url}, or without one starts an embedded PostgreSQL in {@code dataDir/postgres}.
     */
    public static Database open(Optional<String> url, Optional<String> user, Optional<String> password, Path dataDir) {
        EmbeddedPostgres embedded = null;
        HikariConfig hikari = new HikariConfig();
        String description;
        if (url.isPresent()) {
            hikari.setJdbcUrl(url.get());
            user.ifPresent(hikari::setUsername);
            password.ifPresent(hikari::setPassword);
            description = url.get();
        } else {
            Path pgData = dataDir.toAbsolutePath().resolve("postgres");
            embedded = startEmbedded(pgData);
            hikari.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
            description = "embedded PostgreSQL, data in " + pgData;
        }
        hikari.setPoolName("loadlab");
        hikari.setMaximumPoolSize(8);
        hikari.setConnectionTimeout(10_000);
        // Keep the pool usable across a database that blips: fail fast at start only if nothing answers.
        hikari.setInitializationFailTimeout(30_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
        LOG.info("database ready: {}", description);
        return new Database(embedded, pool, description, hikari.getJdbcUrl());
    }

    private static EmbeddedPostgres startEmbedded(Path pgData) {
        try {
            Files.createDirectories(pgData);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData, e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Where the data lives, for people: a JDBC URL or the embedded server's directory. */
    public String description() {
        return description;
    }

    /** The JDBC URL in use (for the embedded server: user and password are "postgres"). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** True when a connection can be had and answers within a second. */
    public boolean isUsable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
