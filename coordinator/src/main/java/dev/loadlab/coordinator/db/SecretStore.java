package dev.loadlab.coordinator.db;

import dev.loadlab.coordinator.model.SealedSecret;
import dev.loadlab.coordinator.model.SecretInfo;
import dev.loadlab.coordinator.model.SecretVault;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sealed secrets in PostgreSQL's {@code secrets} table: a {@link SecretVault}. It stores and returns nonce and
 * ciphertext only; encryption happens before, decryption after. Each public method is one transaction. Thread-safe.
 */
public final class SecretStore implements SecretVault {
    private final DataSource dataSource;

    public SecretStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean add(SealedSecret secret) {
        return Transactions.write(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO secrets (name, nonce, ciphertext, created_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, secret.name());
                s.setBytes(2, secret.nonce());
                s.setBytes(3, secret.ciphertext());
                s.setTimestamp(4, Timestamp.from(secret.createdAt()));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<SecretInfo> list() {
        return Transactions.read(dataSource, c -> {
            List<SecretInfo> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, created_at FROM secrets ORDER BY name");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.add(new SecretInfo(
                            r.getString("name"), r.getTimestamp("created_at").toInstant()));
                }
            }
            return all;
        });
    }

    @Override
    public Optional<SealedSecret> find(String name) {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT name, nonce, ciphertext, created_at FROM secrets WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new SealedSecret(
                                    r.getString("name"),
                                    r.getBytes("nonce"),
                                    r.getBytes("ciphertext"),
                                    r.getTimestamp("created_at").toInstant()))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean exists(String name) {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM secrets WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return Transactions.write(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM secrets WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }
}
