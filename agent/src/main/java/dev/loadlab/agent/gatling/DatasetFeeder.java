package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.scenario.DatasetRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Hands out rows of this agent's {@link DatasetSlice} to users, one per iteration: {@code circular} walks the rows
 * with one cursor shared by every user on this agent, starting over at the end; {@code random} draws any row;
 * {@code queue} gives each row once and then has none left. Each row is a map from column to value, ready to become
 * session variables. Thread-safe and lock-free.
 */
final class DatasetFeeder {
    private final String name;
    private final List<String> columns;
    private final List<List<String>> rows;
    private final DatasetRef.Strategy strategy;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicBoolean ranOut = new AtomicBoolean();

    DatasetFeeder(DatasetSlice slice, DatasetRef.Strategy strategy) {
        this.name = slice.name();
        this.columns = slice.columns();
        this.rows = slice.rows();
        this.strategy = strategy;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new IllegalArgumentException("assignment.dataset.rows[" + i + "] has "
                        + rows.get(i).size() + " values for " + columns.size() + " columns");
            }
        }
    }

    String name() {
        return name;
    }

    /** How many rows this agent holds. */
    int rows() {
        return rows.size();
    }

    /** The next row, or null when there is none left (a queue drained, or no rows at all). */
    Map<String, Object> next(RandomGenerator random) {
        if (rows.isEmpty()) {
            ranOut.set(true);
            return null;
        }
        int index =
                switch (strategy) {
                    case CIRCULAR -> (int) (cursor.getAndIncrement() % rows.size());
                    case RANDOM -> random.nextInt(rows.size());
                    case QUEUE -> {
                        long taken = cursor.getAndIncrement();
                        yield taken < rows.size() ? (int) taken : -1;
                    }
                };
        if (index < 0) {
            ranOut.set(true);
            return null;
        }
        List<String> row = rows.get(index);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            values.put(columns.get(c), row.get(c));
        }
        return values;
    }

    /** True once a user asked for a row and there was none. */
    boolean ranOut() {
        return ranOut.get();
    }

    /** The note a run carries when its queue ran dry. */
    String ranOutNote() {
        return "dataset " + name + " ran out after " + rows.size() + " rows";
    }
}
