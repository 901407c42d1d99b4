package dev.loadlab.coordinator.inputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses an uploaded dataset: CSV with a header row (RFC 4180: comma-separated, double quotes around a value that
 * holds commas, quotes or line breaks, {@code ""} for a quote inside; CRLF or LF) or JSON lines (one object per line;
 * the first row's keys are the columns, every row has the same keys, a non-string value becomes its JSON text).
 * Checks every limit on the way and refuses with the field ({@code field} is where the content sits: {@code
 * $.content}, or {@code $} for a raw body) and the limit named. Stateless.
 */
public final class DatasetParser {
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    public static final int MAX_ROWS = 100_000;
    public static final int MAX_COLUMNS = 64;
    public static final int MAX_VALUE_BYTES = 4 * 1024;

    public static final String CSV = "csv";
    public static final String JSONL = "jsonl";

    private DatasetParser() {}

    public static DatasetTable parse(String name, String format, String content, String field) {
        long bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidInputException(
                    field, "is " + bytes + " bytes, more than the limit of " + MAX_BYTES + " bytes (8 MiB)");
        }
        return switch (format) {
            case CSV -> csv(name, content, bytes, field);
            case JSONL -> jsonLines(name, content, bytes, field);
            default -> throw new IllegalArgumentException("format must be csv or jsonl, was " + format);
        };
    }

    private static DatasetTable csv(String name, String content, long bytes, String field) {
        List<List<String>> records = new CsvReader(content, field).records();
        if (records.isEmpty()) {
            throw new InvalidInputException(field, "is empty: a CSV dataset starts with a header row of column names");
        }
        List<String> columns = columns(records.get(0), field);
        List<List<String>> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> row = records.get(i);
            String rowField = field + ".rows[" + (i - 1) + "]";
            if (row.size() != columns.size()) {
                throw new InvalidInputException(
                        rowField,
                        "has " + row.size() + " values, the header has " + columns.size() + " (CSV line of row "
                                + (i + 1) + ")");
            }
            checkValues(row, columns, rowField);
            rows.add(row);
        }
        return new DatasetTable(name, CSV, columns, rows, bytes);
    }

    private static DatasetTable jsonLines(String name, String content, long bytes, String field) {
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            String rowField = field + ".rows[" + rows.size() + "]";
            if (rows.size() == MAX_ROWS) {
                throw tooManyRows(field);
            }
            JsonNode node;
            try {
                node = Json.strict().readTree(lines[line]);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(
                        rowField,
                        "(line " + (line + 1) + ") is not valid JSON: "
                                + e.getOriginalMessage().replaceAll("\\s+", " "));
            }
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(rowField, "(line " + (line + 1) + ") must be a JSON object");
            }
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            if (columns == null) {
                columns = columns(keys, field);
            } else if (!new HashSet<>(keys).equals(new HashSet<>(columns)) || keys.size() != columns.size()) {
                throw new InvalidInputException(
                        rowField,
                        "(line " + (line + 1) + ") has the keys " + keys + "; every row must have the first row's "
                                + columns);
            }
            List<String> row = new ArrayList<>(columns.size());
            for (String column : columns) {
                JsonNode value = node.get(column);
                row.add(value.isTextual() ? value.asText() : value.toString());
            }
            checkValues(row, columns, rowField);
            rows.add(row);
        }
        if (columns == null) {
            throw new InvalidInputException(field, "is empty: a JSON lines dataset has one object per line");
        }
        return new DatasetTable(name, JSONL, columns, rows, bytes);
    }

    private static List<String> columns(List<String> names, String field) {
        if (names.size() > MAX_COLUMNS) {
            throw new InvalidInputException(
                    field + ".columns", "has " + names.size() + " columns, more than the limit of " + MAX_COLUMNS);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String column = names.get(i);
            if (!Template.VARIABLE.matcher(column).matches()) {
                throw new InvalidInputException(
                        field + ".columns[" + i + "]",
                        "is \"" + column + "\", not a valid column name: a letter or '_', then up to 63 letters,"
                                + " digits or '_' (columns become ${name} variables)");
            }
            if (!seen.add(column)) {
                throw new InvalidInputException(field + ".columns[" + i + "]", "repeats the column \"" + column + "\"");
            }
        }
        return List.copyOf(seen);
    }

    private static void checkValues(List<String> row, List<String> columns, String rowField) {
        for (int c = 0; c < row.size(); c++) {
            String value = row.get(c);
            // A char is at most 3 UTF-8 bytes: only long values need counting.
            if (value.length() * 3 > MAX_VALUE_BYTES) {
                int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
                if (valueBytes > MAX_VALUE_BYTES) {
                    throw new InvalidInputException(
                            rowField + "." + columns.get(c),
                            "is " + valueBytes + " bytes, more than the limit of " + MAX_VALUE_BYTES
                                    + " bytes per value");
                }
            }
        }
    }

    private static InvalidInputException tooManyRows(String field) {
        return new InvalidInputException(field + ".rows", "has more than the limit of " + MAX_ROWS + " rows");
    }

    /** RFC 4180 records; a record is a list of fields. Not thread-safe (one per parse). */
    private static final class CsvReader {
        private final String text;
        private final String field;
        private int pos;

        CsvReader(String text, String field) {
            this.text = text;
            this.field = field;
        }

        List<List<String>> records() {
            List<List<String>> records = new ArrayList<>();
            while (pos < text.length()) {
                if (atLineEnd()) {
                    skipLineEnd();
                    continue; // a blank line is no record
                }
                if (records.size() > MAX_ROWS) {
                    throw tooManyRows(field);
                }
                records.add(record(records.size()));
            }
            if (records.size() > MAX_ROWS + 1) {
                throw tooManyRows(field);
            }
            return records;
        }

        private List<String> record(int index) {
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(value(index));
                if (fields.size() > MAX_COLUMNS) {
                    throw new InvalidInputException(
                            index == 0 ? field + ".columns" : field + ".rows[" + (index - 1) + "]",
                            "has more than the limit of " + MAX_COLUMNS + " columns");
                }
                if (pos >= text.length()) {
                    return fields;
                }
                char c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                } else {
                    skipLineEnd();
                    return fields;
                }
            }
        }

        private String value(int index) {
            if (pos < text.length() && text.charAt(pos) == '"') {
                int start = ++pos;
                StringBuilder out = new StringBuilder();
                while (true) {
                    int quote = text.indexOf('"', pos);
                    if (quote < 0) {
                        throw new InvalidInputException(
                                where(index), "has a quoted value opened at character " + start + " and never closed");
                    }
                    out.append(text, pos, quote);
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        out.append('"');
                        pos = quote + 2;
                    } else {
                        pos = quote + 1;
                        break;
                    }
                }
                if (pos < text.length() && text.charAt(pos) != ',' && !atLineEnd()) {
                    throw new InvalidInputException(
                            where(index),
                            "has text after a closing quote at character " + pos + " (RFC 4180: write \"\" for a"
                                    + " quote inside a quoted value)");
                }
                return out.toString();
            }
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    throw new InvalidInputException(
                            where(index),
                            "has a quote inside an unquoted value at character " + pos + " (RFC 4180: quote the"
                                    + " whole value and write \"\" for the quote)");
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private String where(int index) {
            return index == 0 ? field + ".columns" : field + ".rows[" + (index - 1) + "]";
        }

        private boolean atLineEnd() {
            char c = text.charAt(pos);
            return c == '\n' || c == '\r';
        }

        private void skipLineEnd() {
            if (pos < text.length() && text.charAt(pos) == '\r') {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
        }
    }
}
