package dev.loadlab.coordinator.db;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.loadlab.coordinator.model.DatasetCatalog;
import dev.loadlab.coordinator.model.DatasetInfo;
import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.coordinator.model.StorageException;
import dev.loadlab.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;

/**
 * Datasets in PostgreSQL's {@code datasets} table: a {@link DatasetCatalog}. The rows are one gzip'd JSON array of
 * arrays, written and read whole; listing and showing a dataset never read them (its first rows are kept apart).
 * Each public method is one transaction. Thread-safe.
 */
public final class DatasetStore implements DatasetCatalog {
    private static final TypeReference<List<List<String>>> ROWS = new TypeReference<>() {};
    private static final TypeReference<List<String>> COLUMNS = new TypeReference<>() {};
    private static final String INFO = "name, format, columns, row_count, bytes, created_at";

    private final DataSource dataSource;

    public DatasetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean add(DatasetTable table, Instant now) {
        byte[] rows = encode(table.rows());
        return Transactions.write(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO datasets (name, format, columns, row_count,"
                    + " bytes, rows, preview, created_at) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)"
                    + " ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, table.name());
                s.setString(2, table.format());
                s.setString(3, Json.write(table.columns()));
                s.setInt(4, table.rows().size());
                s.setLong(5, table.bytes());
                s.setBytes(6, rows);
                s.setString(
                        7,
                        Json.write(table.rows()
                                .subList(0, Math.min(PREVIEW_ROWS, table.rows().size()))));
                s.setTimestamp(8, Timestamp.from(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<DatasetInfo> list() {
        return Transactions.read(dataSource, c -> {
            List<DatasetInfo> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + INFO + " FROM datasets ORDER BY name");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.add(info(r, null));
                }
            }
            return all;
        });
    }

    @Override
    public Optional<DatasetInfo> find(String name) {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + INFO + ", preview FROM datasets WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(info(r, parseRows(r.getString("preview")))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<List<String>> columns(String name) {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT columns FROM datasets WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(parseColumns(r.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<DatasetTable> table(String name) {
        return Transactions.read(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + INFO + ", rows FROM datasets WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DatasetTable(
                            r.getString("name"),
                            r.getString("format"),
                            parseColumns(r.getString("columns")),
                            decode(r.getBytes("rows")),
                            r.getLong("bytes")));
                }
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return Transactions.write(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM datasets WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    private static DatasetInfo info(ResultSet r, List<List<String>> preview) throws SQLException {
        return new DatasetInfo(
                r.getString("name"),
                r.getString("format"),
                parseColumns(r.getString("columns")),
                r.getInt("row_count"),
                r.getLong("bytes"),
                r.getTimestamp("created_at").toInstant(),
                preview);
    }

    private static byte[] encode(List<List<String>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            Json.lenient().writeValue(gzip, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<List<String>> decode(byte[] stored) {
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return Json.lenient().readValue(gzip, ROWS);
        } catch (IOException e) {
            throw new StorageException(new SQLException("a dataset's stored rows cannot be read", e));
        }
    }

    private static List<List<String>> parseRows(String json) {
        try {
            return Json.lenient().readValue(json, ROWS);
        } catch (IOException e) {
            throw new StorageException(new SQLException("a dataset's stored preview cannot be read", e));
        }
    }

    private static List<String> parseColumns(String json) {
        try {
            return Json.lenient().readValue(json, COLUMNS);
        } catch (IOException e) {
            throw new StorageException(new SQLException("a dataset's stored columns cannot be read", e));
        }
    }
}
