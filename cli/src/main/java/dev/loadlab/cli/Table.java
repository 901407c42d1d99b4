package dev.loadlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain text table: columns as wide as their widest cell, numbers right-aligned, two spaces between columns. Cells
 * are padded before they are coloured, so escape codes never skew the columns. Not thread-safe.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table's lines; {@code colour} may style the cells of column {@code column} (or pass null). */
    List<String> lines(int column, UnaryOperator<String> colour) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, widths, -1, null));
        for (List<String> row : rows) {
            lines.add(line(row, widths, column, colour));
        }
        return lines;
    }

    List<String> lines() {
        return lines(-1, null);
    }

    private static String line(List<String> cells, int[] widths, int column, UnaryOperator<String> colour) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean last = c == cells.size() - 1;
            String padded = numeric(cell)
                    ? " ".repeat(widths[c] - cell.length()) + cell
                    : last ? cell : cell + " ".repeat(widths[c] - cell.length());
            line.append(c == column && colour != null ? colour.apply(padded) : padded);
            if (!last) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }

    private static boolean numeric(String cell) {
        return !cell.isEmpty() && cell.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == ',');
    }
}
